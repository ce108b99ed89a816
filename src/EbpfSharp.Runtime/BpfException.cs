using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// A kernel call failed. <see cref="Errno"/> is the kernel's error number; the message says what was being
/// done and, where it can, what to do about it. Subclasses group errors a caller may want to handle.
/// </summary>
public class BpfException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BpfException(string message, int errno) : base(message) => Errno = errno;

    /// <summary>Creates the exception with an inner cause.</summary>
    public BpfException(string message, int errno, Exception? innerException) : base(message, innerException) => Errno = errno;

    /// <summary>The Linux errno value (0 when the failure did not come from a syscall).</summary>
    public int Errno { get; }

    /// <summary>The C name of <see cref="Errno"/> ("EPERM").</summary>
    public string ErrnoName => Interop.Errno.Name(Errno);
}
