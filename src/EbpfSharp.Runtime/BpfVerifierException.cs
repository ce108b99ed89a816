using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

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

    /// <summary>Creates the exception with a message that explains the rejection better than the log's end (a failed CO-RE relocation).</summary>
    internal BpfVerifierException(string programName, int errno, string verifierLog, string message)
        : base(message, errno)
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
