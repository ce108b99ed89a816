namespace EbpfSharp.Cli;

/// <summary>The ebpfsharp command line (commands arrive with the CLI work).</summary>
public static class CliApplication
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("ebpfsharp: no commands yet");
        return 2;
    }
}
