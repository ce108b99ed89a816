using System.Reflection;
using EbpfSharp.Compiler.Tests.Differential;
using EbpfSharp.Corpus.Maps;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Compiler.Tests.Maps;

/// <summary>The map corpus covers every map kind, and its objects are what libbpf and bpftool expect.</summary>
public sealed class MapCorpusCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Map_corpus_uses_every_map_kind_and_has_at_least_28_programs()
    {
        var kinds = MapCorpus.Classes.SelectMany(type => CorpusClass.For(type).Maps.Values).Select(map => map.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<MapKind>().Order(), kinds.Order());
        int programs = MapCorpus.Classes.Sum(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Count(method => method.GetCustomAttribute<XdpAttribute>() is not null));
        Assert.True(programs >= 28, $"the map corpus has {programs} programs; it should have at least 28");
    }

    [KernelFact]
    public void Every_map_corpus_object_loads_with_its_maps_named_like_the_fields()
    {
        foreach (var type in MapCorpus.Classes)
        {
            using var loaded = MapCorpus.Load(type);
            foreach (var (name, map) in CorpusClass.For(type).Maps)
            {
                var kernel = loaded.Map(KernelMirror.KernelName(name));
                Assert.Equal((int)map.Kind, (int)kernel.Type);
                output.WriteLine($"{type.Name}.{name}: {kernel}");
            }
        }
    }

    [KernelFact]
    public void Stack_trace_map_is_in_the_object_although_xdp_programs_cannot_fill_it()
    {
        using var loaded = MapCorpus.Load(typeof(MalformedFrames));
        var stacks = loaded.Map("DropStacks");
        Assert.Equal(Object.BpfMapType.StackTrace, stacks.Type);
        Assert.Equal(32 * sizeof(ulong), stacks.ValueSize);
    }

    [KernelFact("bpftool")]
    public void Bpftool_map_dump_prints_a_struct_key_with_its_field_names()
    {
        string path = Scratch.WriteFile("FlowAccounting.bpf.o", MapCorpus.Object(typeof(FlowAccounting)).Bytes);
        using var libbpf = Bpftool.LoadAll(path);
        var packet = FramePackets.Ipv4(protocol: 17, source: 0x0A000001, destination: 0x0A000002, sourcePort: 5353, destinationPort: 53);
        Assert.Equal((uint)XdpAction.Pass, libbpf.Run("CountFlowBytes", packet).ReturnValue);

        string dump = libbpf.DumpMapFormatted("Flows");
        output.WriteLine(dump);
        foreach (string field in new[] { "Source", "Destination", "SourcePort", "DestinationPort", "Protocol", "Packets", "Bytes" })
            Assert.Contains($"\"{field}\"", dump);
        Assert.Contains("\"DestinationPort\": 53", dump);
        Assert.Contains("\"Protocol\": 17", dump);
    }
}
