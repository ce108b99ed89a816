using System.Text.RegularExpressions;

namespace EbpfSharp.Build.Tests;

/// <summary>
/// Real <c>dotnet build</c>s of a scratch project with build/EbpfSharp.targets: where the objects land, that a
/// second build does no work, and how a compile error reads. One class, so xunit runs them one after another
/// (they all build src/EbpfSharp through its project reference).
/// </summary>
public class MSBuildEndToEndTests
{
    private const string PassAll = """
        using EbpfSharp;

        public static class PassAll
        {
            [Xdp]
            public static XdpAction Pass(XdpContext ctx) => XdpAction.Pass;
        }
        """;

    private const string Allocates = """
        using EbpfSharp;

        public static class Allocates
        {
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                return new object().GetHashCode() == 0 ? XdpAction.Drop : XdpAction.Pass;
            }
        }
        """;

    [Fact]
    public void Build_writes_the_object_to_obj_and_bin_and_a_second_build_skips_the_compile()
    {
        var project = TemporaryProject.Create(new Dictionary<string, string> { ["PassAll.cs"] = PassAll });

        var first = project.Build();

        Assert.True(first.ExitCode == 0, first.StandardOutput);
        string intermediate = Path.Combine(project.IntermediateDirectory, "ebpf", "PassAll.bpf.o");
        string output = Path.Combine(project.OutputDirectory, "PassAll.bpf.o");
        Assert.True(File.Exists(intermediate), $"no {intermediate}\n{first.StandardOutput}");
        Assert.Equal(File.ReadAllBytes(intermediate), File.ReadAllBytes(output));
        Assert.Equal([0x7f, (byte)'E', (byte)'L', (byte)'F'], File.ReadAllBytes(output)[..4]);
        var written = File.GetLastWriteTimeUtc(intermediate);

        var second = project.Build("-v:d");

        Assert.True(second.ExitCode == 0, second.StandardOutput);
        Assert.Contains("Skipping target \"EbpfSharpCompileObjects\" because all output files are up-to-date", second.StandardOutput);
        Assert.Equal(written, File.GetLastWriteTimeUtc(intermediate));
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void A_compile_error_fails_the_build_at_the_CSharp_line()
    {
        var project = TemporaryProject.Create(new Dictionary<string, string> { ["Allocates.cs"] = Allocates });

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        // MSBuild prints the path the PDB records; (8,9) is the statement with `new object()`.
        Assert.Matches(new Regex(@"/Allocates\.cs\(8,9\): error EBPF1001: "), build.StandardOutput);
        Assert.False(File.Exists(Path.Combine(project.OutputDirectory, "Allocates.bpf.o")));
    }
}
