namespace EbpfSharp.Cli.Tests;

/// <summary>Runs the ebpfsharp command line in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Of(EbpfSharp.Compiler.EbpfCompiler.Compile, args);

    /// <summary>Runs the command line with <paramref name="compile"/> standing in for the compiler.</summary>
    public static CliRun Of(Func<string, EbpfSharp.Compiler.CompilerOptions, EbpfSharp.Compiler.CompilationResult> compile, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = CliApplication.Run(args, output, error, compile);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static string WriteTemporaryObject(byte[] bytes, string name) => EbpfSharp.TestSupport.Scratch.WriteFile(name, bytes);
}
