using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>The process lacks the privilege (EPERM, EACCES): run as root or grant CAP_BPF and friends.</summary>
public sealed class BpfPermissionException(string message, int errno) : BpfException(message, errno);
