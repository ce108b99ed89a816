using System.CommandLine;
using EbpfSharp.Cli.Commands;
using EbpfSharp.Compiler;
using EbpfSharp.Object;
using EbpfSharp.Runtime;

namespace EbpfSharp.Cli;

/// <summary>The ebpfsharp command line: a thin shell over EbpfSharp.Compiler, EbpfSharp.Object and EbpfSharp.Runtime.</summary>
public static class CliApplication
{
    /// <summary>The exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command line and returns the exit code (0 success, 1 failure, 2 usage error).</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        Run(args, output ?? Console.Out, error ?? Console.Error, EbpfCompiler.Compile);

    /// <summary>Runs the command line with <paramref name="compile"/> as the compiler; tests pass a fake one.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, Func<string, CompilerOptions, CompilationResult> compile)
    {
        var root = new RootCommand("ebpfsharp: compile C# eBPF programs; inspect, disassemble, test-run and load eBPF object files.")
        {
            CompileCommand.Create(output, error, compile),
            InfoCommand.Create(output),
            DumpCommand.Create(output),
            TestRunCommand.Create(output),
            LoadCommand.Create(output),
            TracepointCommand.Create(output),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            var parsed = root.Parse(args);
            int exitCode = parsed.Invoke(configuration);
            // System.CommandLine reports usage errors with 1; keep 1 for failures and give usage errors 2.
            return parsed.Errors.Count > 0 ? UsageError : exitCode;
        }
        catch (Exception exception) when (IsUserFacing(exception))
        {
            error.WriteLine($"ebpfsharp: error: {exception.Message}");
            if (exception is BpfVerifierException verifier && args.Contains("--verifier-log"))
            {
                error.WriteLine("Full verifier log:");
                error.WriteLine(verifier.VerifierLog);
            }
            return 1;
        }
    }

    /// <summary>Failures a person can act on: reported as one message, without a stack trace.</summary>
    private static bool IsUserFacing(Exception exception) => exception is
        ObjectFormatException or BpfException or IOException or UnauthorizedAccessException
        or KeyNotFoundException or FormatException or ArgumentException or InvalidOperationException;
}
