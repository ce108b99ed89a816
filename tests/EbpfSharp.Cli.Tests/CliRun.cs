namespace EbpfSharp.Cli.Tests;

/// <summary>Runs the ebpfsharp command line in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = CliApplication.Run(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static string WriteTemporaryObject(byte[] bytes, string name) => EbpfSharp.TestSupport.Scratch.WriteFile(name, bytes);
}
