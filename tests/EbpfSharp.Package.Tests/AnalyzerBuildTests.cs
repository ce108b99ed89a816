using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Package.Tests;

/// <summary>The package's analyzers in a user's build: a verifier mistake is a build error at its C# position.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class AnalyzerBuildTests(PackedFeed feed, ITestOutputHelper output)
{
    // Line 14 reads the lookup result without a null check (EBPF0016); line 16 allocates a class (EBPF0001).
    private const string Mistakes = """
        using EbpfSharp;

        namespace Mistaken;

        public sealed class Counts { public ulong Value; }

        public static unsafe partial class Counter
        {
            static readonly ArrayMap<ulong> Packets = new(maxEntries: 4);

            [Xdp]
            public static XdpAction Count(XdpContext ctx)
            {
                *Packets.Lookup(0) += 1;
                if (ctx.Length > 100)
                    return new Counts().Value > 0 ? XdpAction.Drop : XdpAction.Pass;
                return XdpAction.Pass;
            }
        }
        """;

    [Fact]
    public void Verifier_mistakes_fail_dotnet_build_with_the_analyzer_ids_at_their_line_and_column()
    {
        string directory = Scratch.NewDirectory("mistaken");
        var consumer = ConsumerProject.In(directory, feed);
        File.WriteAllText(Path.Combine(directory, "Mistaken.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EbpfSharp" Version="{PackedFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Counter.cs"), Mistakes);

        var build = consumer.Build();

        output.WriteLine(build.StandardOutput);
        Assert.NotEqual(0, build.ExitCode);
        string counter = Path.Combine(directory, "Counter.cs");
        Assert.Contains($"{counter}(14,9): warning EBPF0016:", build.StandardOutput);
        Assert.Contains($"{counter}(16,20): error EBPF0001:", build.StandardOutput);
    }
}
