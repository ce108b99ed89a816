using System.IO.Compression;
using System.Xml.Linq;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Package.Tests;

/// <summary>The EbpfSharp package: what it holds, and a fresh project that builds and runs with it.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageTests(PackedFeed feed, ITestOutputHelper output)
{
    private const string Counter = """
        using System.Threading;
        using EbpfSharp;

        namespace Fresh;

        public static unsafe partial class Counter
        {
            static readonly ArrayMap<ulong> Counts = new(maxEntries: 4);

            [Xdp]
            public static XdpAction Count(XdpContext ctx)
            {
                ulong* packets = Counts.Lookup(0);
                if (packets != null)
                    Interlocked.Increment(ref *packets);
                return ctx.Length > 100 ? XdpAction.Drop : XdpAction.Pass;
            }
        }
        """;

    private const string Host = """
        using Fresh;

        using var counter = Counter.Load();
        var shortPacket = counter.Count.TestRun(new byte[64]);
        var longPacket = counter.Count.TestRun(new byte[200]);
        Console.WriteLine($"{shortPacket.Action} {longPacket.Action} Counts[0]={counter.Counts[0]}");
        """;

    [Fact]
    public void The_package_holds_the_libraries_the_generator_the_build_files_and_the_task_and_depends_on_nothing()
    {
        using var package = ZipFile.OpenRead(feed.Package);
        var files = package.Entries.Select(entry => entry.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal) && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToList();

        string[] expected =
        [
            "EbpfSharp.nuspec",
            "README.md",
            "analyzers/dotnet/cs/EbpfSharp.Analyzers.CodeFixes.dll",
            "analyzers/dotnet/cs/EbpfSharp.Analyzers.dll",
            "analyzers/dotnet/cs/EbpfSharp.Generators.dll",
            "build/EbpfSharp.props",
            "build/EbpfSharp.targets",
            "buildTransitive/EbpfSharp.props",
            "buildTransitive/EbpfSharp.targets",
            "lib/net10.0/EbpfSharp.Object.dll",
            "lib/net10.0/EbpfSharp.Object.xml",
            "lib/net10.0/EbpfSharp.Runtime.dll",
            "lib/net10.0/EbpfSharp.Runtime.xml",
            "lib/net10.0/EbpfSharp.dll",
            "lib/net10.0/EbpfSharp.xml",
            "tasks/net10.0/EbpfSharp.Build.deps.json",
            "tasks/net10.0/EbpfSharp.Build.dll",
            "tasks/net10.0/EbpfSharp.Compiler.dll",
            "tasks/net10.0/EbpfSharp.Object.dll",
            "tasks/net10.0/Mono.Cecil.Mdb.dll",
            "tasks/net10.0/Mono.Cecil.Pdb.dll",
            "tasks/net10.0/Mono.Cecil.Rocks.dll",
            "tasks/net10.0/Mono.Cecil.dll",
        ];
        Assert.Equal(expected, files);

        using var nuspecStream = package.GetEntry("EbpfSharp.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(element => element.Name.LocalName == name).Value;
        Assert.Equal(("EbpfSharp", PackedFeed.Version, "README.md"), (Value("id"), Value("version"), Value("readme")));
        var dependencies = metadata.Elements().Where(element => element.Name.LocalName == "dependencies").SelectMany(element => element.Descendants());
        Assert.All(dependencies, group => Assert.Equal("group", group.Name.LocalName));
        Assert.All(dependencies, group => Assert.Empty(group.Elements()));
        output.WriteLine($"Packed both packages in {feed.PackTime.TotalSeconds:F1} s.");
    }

    [Fact]
    public void The_task_and_the_buildTransitive_files_point_into_the_package()
    {
        using var package = ZipFile.OpenRead(feed.Package);
        string Read(string name)
        {
            using var reader = new StreamReader(package.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        Assert.Contains("$(MSBuildThisFileDirectory)../tasks/net10.0/EbpfSharp.Build.dll", Read("build/EbpfSharp.targets"));
        Assert.Contains("$(MSBuildThisFileDirectory)../build/EbpfSharp.props", Read("buildTransitive/EbpfSharp.props"));
        Assert.Contains("$(MSBuildThisFileDirectory)../build/EbpfSharp.targets", Read("buildTransitive/EbpfSharp.targets"));
    }

    [Fact]
    public void A_fresh_project_outside_the_repository_builds_with_the_package()
    {
        var consumer = FreshProject.Value;

        Assert.True(File.Exists(Path.Combine(consumer.OutputDirectory, "Counter.bpf.o")), "the build step ran from the package's task");
        output.WriteLine($"Restored and built in {consumer.BuildTime.TotalSeconds:F1} s.");
    }

    [KernelFact]
    public void The_fresh_project_loads_its_program_through_the_generated_Load_test_runs_packets_and_reads_the_map()
    {
        var consumer = FreshProject.Value;
        // The embedded object is what loads: the file beside the assembly is gone.
        File.Delete(Path.Combine(consumer.OutputDirectory, "Counter.bpf.o"));

        var run = consumer.Run();

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal("Pass Drop Counts[0]=2\n", run.StandardOutput);
    }

    private static Lazy<ConsumerProject>? fresh;

    /// <summary>The fresh project, built once for the tests that need it (a failed build fails each of them).</summary>
    private Lazy<ConsumerProject> FreshProject =>
        LazyInitializer.EnsureInitialized(ref fresh, () => new Lazy<ConsumerProject>(() => CreateFreshProject(feed)));

    private static ConsumerProject CreateFreshProject(PackedFeed feed)
    {
        string directory = Scratch.NewDirectory("fresh");
        var consumer = ConsumerProject.In(directory, feed);
        File.WriteAllText(Path.Combine(directory, "Fresh.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EbpfSharp" Version="{PackedFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Counter.cs"), Counter);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Host);
        consumer.Build().EnsureSuccess("dotnet build of the fresh project");
        return consumer;
    }
}
