using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>This kernel does not offer the feature (EOPNOTSUPP, ENOTSUPP, ENOSYS, or a missing kernel option).</summary>
public sealed class BpfNotSupportedException(string message, int errno) : BpfException(message, errno);
