using System.Text.Json;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Package.Tests;

/// <summary>
/// The EbpfSharp.Templates package: each template, installed into a private template hive, instantiated with a
/// name of our own, restored against the packed EbpfSharp, built and run as it is.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class TemplateTests(PackedFeed feed, ITestOutputHelper output)
{
    private static readonly Lazy<string> Hive = new(() => Scratch.NewDirectory("template-hive"));
    private static readonly Dictionary<string, Lazy<ConsumerProject>> Instances = new();

    [Theory]
    [InlineData("ebpf-xdp")]
    [InlineData("ebpf-probe")]
    public void The_template_references_EbpfSharp_at_the_repository_version(string template)
    {
        string path = Path.Combine(PackedFeed.RepositoryRoot, "templates", "EbpfSharp.Templates", "content", template, ".template.config", "template.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var symbol = json.RootElement.GetProperty("symbols").GetProperty("EbpfSharpVersion");

        Assert.Equal(PackedFeed.Version, symbol.GetProperty("defaultValue").GetString());
        Assert.Equal(template, json.RootElement.GetProperty("shortName").GetString());
    }

    [Theory]
    [InlineData("ebpf-xdp", "PacketCounter")]
    [InlineData("ebpf-probe", "SyscallCounter")]
    public void The_template_instantiates_under_the_given_name_and_builds(string template, string programClass)
    {
        var project = Instance(template);

        string name = NameOf(template);
        Assert.True(File.Exists(Path.Combine(project.Directory, $"{name}.csproj")));
        Assert.Contains($"namespace {name};", File.ReadAllText(Path.Combine(project.Directory, $"{programClass}.cs")));
        Assert.Contains($"Version=\"{PackedFeed.Version}\"", File.ReadAllText(Path.Combine(project.Directory, $"{name}.csproj")));
        Assert.True(File.Exists(Path.Combine(project.OutputDirectory, $"{programClass}.bpf.o")));
        output.WriteLine($"{template}: restored and built in {project.BuildTime.TotalSeconds:F1} s.");
    }

    [KernelFact]
    public void The_xdp_template_runs_a_synthetic_packet_and_prints_the_verdict_and_the_count()
    {
        var run = Instance("ebpf-xdp").Run();

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal("""
            Verdict for a synthetic UDP packet: Pass
              UDP (17): 1 packet(s)
              not IPv4: 0 frame(s)

            """, run.StandardOutput);
    }

    [KernelFact]
    public void The_probe_template_counts_system_calls_and_prints_the_busiest()
    {
        var run = Instance("ebpf-probe").Run();

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        string[] lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Counting the system calls of every process for 1 s...", lines[0]);
        Assert.Matches(@"^\d+ system calls, \d+ different ones; the busiest:$", lines[1]);
        // The host itself sleeps, waits and reads: something was counted, with the named calls among the busiest.
        Assert.InRange(lines.Length, 3, 12);
        Assert.All(lines[2..], line => Assert.Matches(@"^  \S+\s+\d+$", line));
        Assert.Contains(lines[2..], line => !line.TrimStart().StartsWith('#'));
    }

    private static string NameOf(string template) => template == "ebpf-xdp" ? "My.Xdp" : "My.Probe";

    private ConsumerProject Instance(string template)
    {
        Lazy<ConsumerProject> instance;
        lock (Instances)
        {
            if (!Instances.TryGetValue(template, out instance!))
                Instances[template] = instance = new Lazy<ConsumerProject>(() => Instantiate(template));
        }
        return instance.Value;
    }

    private ConsumerProject Instantiate(string template)
    {
        lock (Hive)
        {
            // Installs into a private hive (never the user's templates); once per hive.
            if (!File.Exists(Path.Combine(Hive.Value, "installed")))
            {
                Tools.Run("dotnet", ["new", "install", feed.Templates, "--debug:custom-hive", Hive.Value], TimeSpan.FromMinutes(2))
                    .EnsureSuccess("dotnet new install");
                File.WriteAllText(Path.Combine(Hive.Value, "installed"), "");
            }
        }
        string root = Scratch.NewDirectory("template");
        string name = NameOf(template);
        string directory = Path.Combine(root, name);
        Tools.Run("dotnet", ["new", template, "-n", name, "-o", directory, "--debug:custom-hive", Hive.Value], TimeSpan.FromMinutes(2), root)
            .EnsureSuccess($"dotnet new {template}");
        var project = ConsumerProject.In(directory, feed);
        project.Build().EnsureSuccess($"dotnet build of the {template} project");
        return project;
    }
}
