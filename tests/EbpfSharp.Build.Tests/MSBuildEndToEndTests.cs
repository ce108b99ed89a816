using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Build.Tests;

/// <summary>
/// Real <c>dotnet build</c>s of a scratch project with build/EbpfSharp.targets: where the objects land, that a
/// second build does no work, and how a compile error reads. In <see cref="MSBuildCollection"/>, so xunit runs
/// them one after another (they all build src/EbpfSharp through its project reference).
/// </summary>
[Collection(MSBuildCollection.Name)]
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

    /// <summary>Compiles differently under v2 and v3 (a 32-bit compare: jmp32 only from v3).</summary>
    private const string DropsLong = """
        using EbpfSharp;

        public static class DropsLong
        {
            [Xdp]
            public static XdpAction Run(XdpContext ctx) => ctx.Length > 100 ? XdpAction.Drop : XdpAction.Pass;
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
    public void EbpfSharpEmbed_false_embeds_nothing_and_switching_it_or_the_isa_replaces_or_removes_the_resources()
    {
        var project = TemporaryProject.Create(new Dictionary<string, string> { ["DropsLong.cs"] = DropsLong });

        project.Build("-p:EbpfSharpEmbed=false").EnsureSuccess("build with EbpfSharpEmbed=false");
        Assert.Empty(AssemblyFiles.Resources(project.OutputAssembly));
        Assert.True(File.Exists(Path.Combine(project.OutputDirectory, "DropsLong.bpf.o")), "the object is still beside the assembly");

        // The C# compile is up to date from here on: only the step reruns, on the assembly it may have rewritten.
        project.Build().EnsureSuccess("build with the default EbpfSharpEmbed");
        byte[] v3 = File.ReadAllBytes(Path.Combine(project.IntermediateDirectory, "ebpf", "DropsLong.bpf.o"));
        Assert.Equal(v3, Assert.Single(AssemblyFiles.Resources(project.OutputAssembly), r => r.Key == "EbpfSharp/DropsLong.bpf.o").Value);

        project.Build("-p:EbpfSharpIsa=v2").EnsureSuccess("build with EbpfSharpIsa=v2");
        byte[] v2 = File.ReadAllBytes(Path.Combine(project.IntermediateDirectory, "ebpf", "DropsLong.bpf.o"));
        Assert.NotEqual(v3, v2);
        var replaced = Assert.Single(AssemblyFiles.Resources(project.OutputAssembly));
        Assert.Equal("EbpfSharp/DropsLong.bpf.o", replaced.Key);
        Assert.Equal(v2, replaced.Value);
        Assert.Null(AssemblyFiles.PdbMismatch(project.OutputAssembly, Path.ChangeExtension(project.OutputAssembly, ".pdb")));

        project.Build("-p:EbpfSharpIsa=v2", "-p:EbpfSharpEmbed=false").EnsureSuccess("build with EbpfSharpEmbed=false again");
        Assert.Empty(AssemblyFiles.Resources(project.OutputAssembly));
        Assert.Null(AssemblyFiles.PdbMismatch(project.OutputAssembly, Path.ChangeExtension(project.OutputAssembly, ".pdb")));
    }

    [Fact]
    public void A_strong_named_project_is_signed_again_with_its_key_file_after_embedding()
    {
        using var rsa = RSA.Create(1024);
        string keyFile = Scratch.WriteFile("key.snk", StrongNames.KeyFile(rsa));
        var project = TemporaryProject.Create(new Dictionary<string, string> { ["PassAll.cs"] = PassAll },
            properties: $"<SignAssembly>true</SignAssembly><AssemblyOriginatorKeyFile>{keyFile}</AssemblyOriginatorKeyFile>");

        project.Build().EnsureSuccess("build of a signed project");

        Assert.Single(AssemblyFiles.Resources(project.OutputAssembly));
        Assert.True(AssemblyFiles.StrongName(project.OutputAssembly).Signed);
        Assert.True(StrongNames.Verify(project.OutputAssembly, rsa), "the signature covers the rewritten assembly");
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

/// <summary>The tests that run <c>dotnet build</c> on scratch projects: one at a time, as they share src/EbpfSharp's output.</summary>
[CollectionDefinition(Name)]
public sealed class MSBuildCollection
{
    public const string Name = "MSBuild";
}
