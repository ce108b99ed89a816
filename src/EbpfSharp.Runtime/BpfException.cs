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

/// <summary>The process lacks the privilege (EPERM, EACCES): run as root or grant CAP_BPF and friends.</summary>
public sealed class BpfPermissionException(string message, int errno) : BpfException(message, errno);

/// <summary>This kernel does not offer the feature (EOPNOTSUPP, ENOTSUPP, ENOSYS, or a missing kernel option).</summary>
public sealed class BpfNotSupportedException(string message, int errno) : BpfException(message, errno);

/// <summary>The thing named does not exist (ENOENT, ESRCH, ENODEV): a pinned path, a function, an interface, a key.</summary>
public sealed class BpfNotFoundException(string message, int errno) : BpfException(message, errno);

/// <summary>A kernel limit was hit (E2BIG, ENOSPC, ENOMEM, EMFILE, ERANGE).</summary>
public sealed class BpfLimitException(string message, int errno) : BpfException(message, errno);

/// <summary>The object is busy or already present (EBUSY, EEXIST): a program is already attached, a pin path exists.</summary>
public sealed class BpfConflictException(string message, int errno) : BpfException(message, errno);

/// <summary>The kernel rejected the arguments (EINVAL, EBADF, EFAULT and anything not mapped more precisely).</summary>
public sealed class BpfInvalidArgumentException(string message, int errno) : BpfException(message, errno);

/// <summary>
/// The verifier rejected a program. <see cref="VerifierLog"/> holds the kernel's full log; the message ends
/// with its last lines, which name the instruction and the reason.
/// </summary>
public sealed class BpfVerifierException : BpfException
{
    /// <summary>Creates the exception from the program name, errno and the verifier's log.</summary>
    public BpfVerifierException(string programName, int errno, string verifierLog)
        : base(Describe(programName, errno, verifierLog), errno)
    {
        ProgramName = programName;
        VerifierLog = verifierLog;
    }

    /// <summary>The program the verifier rejected.</summary>
    public string ProgramName { get; }

    /// <summary>The verifier's complete log.</summary>
    public string VerifierLog { get; }

    private static string Describe(string programName, int errno, string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tail = lines.Length <= 12 ? lines : lines[^12..];
        var summary = tail.Length == 0 ? "(the kernel wrote no log)" : string.Join(Environment.NewLine, tail.Select(line => "  " + line));
        return $"The kernel verifier rejected program '{programName}' ({Interop.Errno.Name(errno)}). The end of its log:{Environment.NewLine}{summary}";
    }
}
