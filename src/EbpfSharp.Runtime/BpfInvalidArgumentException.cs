using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>The kernel rejected the arguments (EINVAL, EBADF, EFAULT and anything not mapped more precisely).</summary>
public sealed class BpfInvalidArgumentException(string message, int errno) : BpfException(message, errno);
