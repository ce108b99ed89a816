using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Analyzers.Tests.Corpus;

/// <summary>
/// How long the analyzers and the generator take on a large program file, from the compiler's own report
/// (<c>ReportAnalyzer</c>): a scratch project outside the repository, with the analyzer and generator assemblies this
/// test run was built with as <c>&lt;Analyzer&gt;</c> items and the EbpfSharp assemblies as plain references (no
/// eBPF compile step). Prints the numbers; asserts only that the report had them (no timing thresholds).
/// </summary>
public sealed partial class AnalyzerTimingTests(ITestOutputHelper output)
{
    private const int ProgramClasses = 40;

    [Fact]
    public void Analyzers_on_a_2000_line_program_file_report_their_time()
    {
        string source = ProgramFile(ProgramClasses);
        int lines = source.Split('\n').Length;
        Assert.InRange(lines, 1800, 2400);
        string directory = Scratch.NewDirectory("analyzer-timing");
        File.WriteAllText(Path.Combine(directory, "Programs.cs"), source);
        File.WriteAllText(Path.Combine(directory, "Timing.csproj"), ProjectFile());

        var arguments = new List<string> { "build", Path.Combine(directory, "Timing.csproj"), "-nologo", "-nodeReuse:false", "-p:ReportAnalyzer=true", "-v:detailed" };
        if (RepositoryNuGetConfig() is { } config)
            arguments.Add($"-p:RestoreConfigFile={config}");
        var build = Tools.Run("dotnet", arguments, TimeSpan.FromMinutes(5), directory);
        Assert.True(build.ExitCode == 0, $"the timing project did not build:\n{build.StandardOutput}\n{build.StandardError}");

        var analyzerTotal = TotalAnalyzerTime().Match(build.StandardOutput);
        var generatorTotal = TotalGeneratorTime().Match(build.StandardOutput);
        var ours = build.StandardOutput.Split('\n')
            .Where(line => line.Contains("EbpfSharp.Analyzers", StringComparison.Ordinal) || line.Contains("EbpfSharp.Generators", StringComparison.Ordinal))
            .Where(line => TimeLine().IsMatch(line))
            .Select(line => line.Trim())
            .Distinct()
            .ToList();
        Report($"program file: {lines} lines, {ProgramClasses} classes");
        Report($"total analyzer execution time: {(analyzerTotal.Success ? analyzerTotal.Groups[1].Value + " s" : "not reported")}");
        Report($"total generator execution time: {(generatorTotal.Success ? generatorTotal.Groups[1].Value + " s" : "not reported")}");
        Report("EbpfSharp's analyzers and generator (time in s, %, name):\n" + (ours.Count == 0 ? "  (none listed)" : string.Join("\n", ours.Select(line => "  " + line))));

        Assert.True(analyzerTotal.Success, "no 'Total analyzer execution time' in the build output:\n" + build.StandardOutput);
        Assert.True(generatorTotal.Success, "no 'Total generator execution time' in the build output:\n" + build.StandardOutput);
        Assert.True(double.TryParse(analyzerTotal.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        Assert.Contains(ours, line => line.Contains("EbpfSharp.Generators", StringComparison.Ordinal));
    }

    private string ProjectFile()
    {
        string bin = AppContext.BaseDirectory;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <ReportAnalyzer>true</ReportAnalyzer>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(bin, "EbpfSharp.dll")}" />
                <Reference Include="{Path.Combine(bin, "EbpfSharp.Runtime.dll")}" />
                <Reference Include="{Path.Combine(bin, "EbpfSharp.Object.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "EbpfSharp.Analyzers.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "EbpfSharp.Generators.dll")}" />
              </ItemGroup>
            </Project>
            """;
    }

    /// <summary>
    /// <paramref name="classes"/> partial program classes of about 50 lines each: maps, header parsing with
    /// <c>TryGet</c> and raw <c>Data</c>/<c>DataEnd</c> checks, checked lookups, bounded loops, a raw tracepoint.
    /// </summary>
    internal static string ProgramFile(int classes)
    {
        var text = new StringBuilder("""
            using System.Threading;
            using EbpfSharp;
            using EbpfSharp.Net;

            namespace Timing;

            public struct FlowKey
            {
                public uint Source;
                public uint Destination;
                public ushort SourcePort;
                public ushort DestinationPort;
            }

            """);
        for (int i = 0; i < classes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""

                public static unsafe partial class Filter{{i}}
                {
                    static readonly HashMap<FlowKey, ulong> Flows = new(maxEntries: {{1024 + i}});
                    static readonly ArrayMap<ulong> Totals = new(maxEntries: 4);
                    static ulong Packets;

                    [Xdp]
                    public static XdpAction Parse(XdpContext ctx)
                    {
                        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
                            return XdpAction.Pass;
                        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Tcp)
                            return XdpAction.Pass;
                        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp))
                            return XdpAction.Drop;
                        var key = new FlowKey { Source = ip->SourceAddress, Destination = ip->DestinationAddress, SourcePort = tcp->SourcePort, DestinationPort = tcp->DestinationPort };
                        ulong* count = Flows.Lookup(key);
                        if (count == null)
                            Flows.Update(key, 1);
                        else
                            Interlocked.Increment(ref *count);
                        Interlocked.Increment(ref Packets);
                        return tcp->DestinationPort == {{i + 1}} ? XdpAction.Drop : XdpAction.Pass;
                    }

                    [Xdp]
                    public static XdpAction Raw(XdpContext ctx)
                    {
                        byte* data = ctx.Data;
                        byte* end = ctx.DataEnd;
                        if (data + 34 > end)
                            return XdpAction.Pass;
                        uint sum = 0;
                        for (int j = 0; j < 16; j++)
                            sum += data[j];
                        ulong* total = Totals.Lookup(sum & 3);
                        if (total != null)
                            *total += (ulong)ctx.Length;
                        return data[23] == {{i % 256}} ? XdpAction.Drop : XdpAction.Pass;
                    }

                    [RawTracepoint("sys_enter")]
                    public static int Trace(RawTracepointContext ctx)
                    {
                        ulong* total = Totals.Lookup(0);
                        if (total != null && ctx.Arg(1) == {{i}})
                            *total += 1;
                        return 0;
                    }
                }

                """);
        }
        return text.ToString();
    }

    private static string? RepositoryNuGetConfig()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EbpfSharp.sln")))
                return new[] { "NuGet.config", "nuget.config", "NuGet.Config" }.Select(name => Path.Combine(directory.FullName, name)).FirstOrDefault(File.Exists);
        }
        return null;
    }

    private void Report(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }

    [GeneratedRegex(@"Total analyzer execution time: ([0-9.,]+) seconds")]
    private static partial Regex TotalAnalyzerTime();

    [GeneratedRegex(@"Total generator execution time: ([0-9.,]+) seconds")]
    private static partial Regex TotalGeneratorTime();

    [GeneratedRegex(@"^\s*(<)?[0-9.,]+\s+(<)?[0-9]+\s+\S")]
    private static partial Regex TimeLine();
}
