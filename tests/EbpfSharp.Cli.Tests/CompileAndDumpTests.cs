using EbpfSharp.TestSupport;

namespace EbpfSharp.Cli.Tests;

public class CompileAndDumpTests
{
    [Fact]
    public void Dump_of_a_compiled_object_interleaves_the_CSharp_source_lines()
    {
        string assembly = CorpusAssembly();
        string directory = Scratch.NewDirectory("compile-and-dump");

        var compile = CliRun.Of("compile", assembly, "-o", directory);
        var dump = CliRun.Of("dump", Path.Combine(directory, "Smoke.bpf.o"), "--program", "DropShort");

        Assert.Equal(0, compile.ExitCode);
        Assert.Contains("Smoke.bpf.o", compile.Output);
        Assert.Equal(0, dump.ExitCode);
        Assert.Matches(@"; if \(data \+ 14 > ctx\.DataEnd\) @ Smoke\.cs:\d+\n\s+\d+:\s", dump.Output);
        Assert.Contains("r1 + 0x4)", dump.Output);
    }

    /// <summary>The corpus built beside this test assembly's configuration (bin/&lt;Configuration&gt;/net10.0).</summary>
    private static string CorpusAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        string framework = output.Name, configuration = output.Parent!.Name;
        string tests = output.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(tests, "EbpfSharp.Corpus", "bin", configuration, framework, "EbpfSharp.Corpus.dll");
    }
}
