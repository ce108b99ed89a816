using EbpfSharp.Compiler;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Build.Tests;

/// <summary>
/// A console application built once with build/EbpfSharp.targets (the fixture): its objects are embedded in the
/// assembly, the PDB still matches, a no-op build leaves the assembly alone, and the embedded copy is what loads,
/// through <c>dotnet run</c>, a publish folder and a single-file publish with the <c>.bpf.o</c> files deleted.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class EmbeddingEndToEndTests(EmbeddingEndToEndTests.Application app) : IClassFixture<EmbeddingEndToEndTests.Application>
{
    internal const string Programs = """
        using System.Threading;
        using EbpfSharp;

        namespace Demo;

        public static unsafe class Counter
        {
            internal static readonly ArrayMap<ulong> Counts = new(maxEntries: 4);

            [Xdp]
            public static XdpAction Count(XdpContext ctx)
            {
                ulong* packets = Counts.Lookup(0);
                if (packets != null)
                    Interlocked.Increment(ref *packets);
                return XdpAction.Pass;
            }
        }

        public static class Outer
        {
            public static class Inner
            {
                [Xdp]
                public static XdpAction Drop(XdpContext ctx) => XdpAction.Drop;
            }
        }
        """;

    private const string Host = """
        using EbpfSharp.Runtime;

        // EmbeddedObject.Open reads the resource the build embedded (or, failing that, the file beside the app).
        using (var counter = EmbeddedObject.Open(typeof(Demo.Counter)).Load())
        {
            var result = counter.Program("Count").TestRun(new TestRunOptions { Data = new byte[64] });
            var counts = new MapView<uint, ulong>(counter.Map("Counts"));
            Console.WriteLine($"Count: {(EbpfSharp.XdpAction)result.ReturnValue}, Counts[0] = {counts[0]}");
        }
        using (var inner = EmbeddedObject.Open(typeof(Demo.Outer.Inner)).Load())
        {
            var result = inner.Program("Drop").TestRun(new TestRunOptions { Data = new byte[64] });
            Console.WriteLine($"Drop: {(EbpfSharp.XdpAction)result.ReturnValue}");
        }
        """;

    private const string ExpectedOutput = "Count: Pass, Counts[0] = 1\nDrop: Drop\n";

    [Fact]
    public void The_bin_assembly_carries_each_object_under_its_class_metadata_name_with_the_exact_bytes()
    {
        var resources = AssemblyFiles.Resources(app.Project.OutputAssembly);

        Assert.Equal(["EbpfSharp/Demo.Counter.bpf.o", "EbpfSharp/Demo.Outer/Inner.bpf.o"], resources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(app.IntermediateObject("Counter"), resources["EbpfSharp/Demo.Counter.bpf.o"]);
        Assert.Equal(app.IntermediateObject("Inner"), resources["EbpfSharp/Demo.Outer/Inner.bpf.o"]);
        Assert.Equal("EbpfSharp/Demo.Outer/Inner.bpf.o", EmbeddedObject.ResourceName("Demo.Outer/Inner"));
        Assert.Equal(File.ReadAllBytes(app.Project.IntermediateAssembly), File.ReadAllBytes(app.Project.OutputAssembly));
    }

    [Fact]
    public void The_rewritten_pdb_still_matches_and_the_compiler_reads_its_lines_again()
    {
        string pdb = Path.ChangeExtension(app.Project.OutputAssembly, ".pdb");

        Assert.Null(AssemblyFiles.PdbMismatch(app.Project.OutputAssembly, pdb));
        Assert.True(AssemblyFiles.PdbDocuments(pdb) >= 2);

        // The step reruns on an assembly it already rewrote (EbpfSharpIsa changed): the compiler must find the
        // PDB's lines there as in the C# compiler's output, so the objects come out the same.
        var again = EbpfCompiler.Compile(app.Project.OutputAssembly);
        Assert.DoesNotContain(again.Diagnostics, diagnostic => diagnostic.Id == "EBPF1017");
        Assert.True(again.Success, string.Join("\n", again.Diagnostics));
        Assert.Equal(app.IntermediateObject("Counter"), again.Objects.Single(o => o.ClassName == "Demo.Counter").Bytes);
    }

    [Fact]
    public void A_second_build_skips_the_step_and_leaves_the_assembly_untouched()
    {
        var before = (File.GetLastWriteTimeUtc(app.Project.IntermediateAssembly), File.GetLastWriteTimeUtc(app.Project.OutputAssembly));

        var build = app.Project.Build("-v:d");

        Assert.True(build.ExitCode == 0, build.StandardOutput);
        Assert.Contains("Skipping target \"EbpfSharpCompileObjects\" because all output files are up-to-date", build.StandardOutput);
        Assert.Equal(before, (File.GetLastWriteTimeUtc(app.Project.IntermediateAssembly), File.GetLastWriteTimeUtc(app.Project.OutputAssembly)));
    }

    [KernelFact]
    public void Dotnet_run_loads_the_embedded_objects_with_the_files_beside_the_assembly_deleted()
    {
        DeleteObjects(app.Project.OutputDirectory);

        var run = app.Project.Run();

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal(ExpectedOutput, run.StandardOutput);
    }

    [KernelFact]
    public void A_published_application_loads_the_embedded_objects()
    {
        string output = Scratch.NewDirectory("publish");
        // Publishes the Debug build (publish would otherwise build Release, with its references, again).
        app.Project.Dotnet("publish", "--no-build", "-c", "Debug", "-o", output).EnsureSuccess("dotnet publish");
        Assert.True(File.Exists(Path.Combine(output, "Counter.bpf.o")), "publish copies the objects too");
        DeleteObjects(output);

        var run = Tools.Run("dotnet", [Path.Combine(output, "Programs.dll")]);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal(ExpectedOutput, run.StandardOutput);
    }

    [KernelFact]
    public void A_single_file_application_loads_the_embedded_objects()
    {
        // Framework-dependent (the application is built for linux-x64 with SelfContained false): the SDK carries the
        // linux-x64 app host, no runtime pack is needed.
        string output = Scratch.NewDirectory("single-file");
        app.Project.Dotnet("publish", "--no-build", "-c", "Debug", "-o", output, "-p:PublishSingleFile=true")
            .EnsureSuccess("dotnet publish -p:PublishSingleFile=true");
        Assert.False(File.Exists(Path.Combine(output, "Programs.dll")), "a single-file publish has no separate assembly");
        DeleteObjects(output);

        var run = Tools.Run(Path.Combine(output, "Programs"), []);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal(ExpectedOutput, run.StandardOutput);
    }

    private static void DeleteObjects(string directory)
    {
        foreach (string file in Directory.GetFiles(directory, "*.bpf.o"))
            File.Delete(file);
    }

    /// <summary>The application, built once for the class.</summary>
    public sealed class Application
    {
        public Application()
        {
            Project = TemporaryProject.Create(new Dictionary<string, string> { ["Programs.cs"] = Programs, ["Program.cs"] = Host }, application: true);
            var build = Project.Build();
            if (build.ExitCode != 0)
                throw new InvalidOperationException($"The application did not build:\n{build.StandardOutput}");
        }

        internal TemporaryProject Project { get; }

        internal byte[] IntermediateObject(string className) =>
            File.ReadAllBytes(Path.Combine(Project.IntermediateDirectory, "ebpf", $"{className}.bpf.o"));
    }
}
