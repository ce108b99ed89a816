using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Tests.Writing;
using EbpfSharp.Object.Writing;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>Loading whole objects into the kernel: maps, global data, subprograms, BTF line info.</summary>
public class BpfObjectLoadTests
{
    private static readonly byte[] PacketStartingWith5 = [5, .. new byte[63]];

    [KernelFact]
    public void An_object_loads_and_its_program_updates_maps_and_global_data()
    {
        using var loaded = ObjectSpec.Read(SampleObjects.CounterWithEverything().Write(), "counter").Load();
        var program = loaded.Program("count_packets");

        for (int i = 0; i < 3; i++)
            Assert.Equal(2u, program.TestRun(new TestRunOptions { Data = PacketStartingWith5 }).ReturnValue);

        Assert.True(loaded.Map("counts").TryLookup(5u, out ulong count));
        Assert.Equal(3ul, count);
        Assert.True(loaded.Map("counter.bss").TryLookup(0u, out ulong total));
        Assert.Equal(3ul * (40 + 1), total);
        Assert.Equal("xdp", program.SectionName);
        Assert.NotNull(loaded.Btf);
        Assert.Empty(loaded.Warnings);
    }

    [KernelFact]
    public void Rodata_set_before_load_changes_what_the_program_does()
    {
        var spec = ObjectSpec.Read(SampleObjects.CounterWithEverything().Write(), "counter");
        spec.SetVariable("bonus", 1000u);

        using var loaded = spec.Load();
        loaded.Program("count_packets").TestRun(new TestRunOptions { Data = PacketStartingWith5 });

        Assert.True(loaded.Map("counter.bss").TryLookup(0u, out ulong total));
        Assert.Equal(1001ul, total);
    }

    [KernelFact]
    public void Global_data_can_be_read_and_written_through_a_memory_mapping_after_load()
    {
        using var loaded = ObjectSpec.Read(SampleObjects.CounterWithEverything().Write(), "counter").Load();
        using var bss = loaded.Map("counter.bss").Map();
        using var rodata = loaded.Map("counter.rodata").Map();

        loaded.Program("count_packets").TestRun(new TestRunOptions { Data = PacketStartingWith5 });
        Assert.Equal(41ul, BitConverter.ToUInt64(bss.ReadOnlySpan));
        Assert.Equal(40u, BitConverter.ToUInt32(rodata.ReadOnlySpan));
        Assert.True(rodata.IsReadOnly);

        BitConverter.TryWriteBytes(bss.Span, 1000ul);
        loaded.Program("count_packets").TestRun(new TestRunOptions { Data = PacketStartingWith5 });
        Assert.Equal(1041ul, BitConverter.ToUInt64(bss.ReadOnlySpan));
    }

    [KernelFact]
    public void Rodata_is_frozen_after_load()
    {
        using var loaded = ObjectSpec.Read(SampleObjects.CounterWithEverything().Write(), "counter").Load();

        Assert.ThrowsAny<BpfException>(() => loaded.Map("counter.rodata").Update(0u, 7u));
    }

    [KernelFact]
    public void A_verifier_rejection_names_the_source_line_from_line_info()
    {
        var builder = new ObjectBuilder();
        builder.AddFunction(new FunctionCode("broken", [Alu64.Mov.Imm(R0, 2), Alu64.Add.Reg(R0, R5), Jmp.Exit()])
        {
            SectionName = "xdp",
            Lines =
            [
                new SourceLine(0, "/src/Broken.cs", "var verdict = XdpAction.Pass;", 6, 9),
                new SourceLine(1, "/src/Broken.cs", "verdict += uninitialized;", 7, 9),
            ],
        });

        var exception = Assert.Throws<BpfVerifierException>(() => ObjectSpec.Read(builder.Write(), "broken").Load());

        Assert.Contains("; verdict += uninitialized; @ Broken.cs:7", exception.VerifierLog);
        Assert.Contains("R5 !read_ok", exception.Message);
    }

    [KernelFact]
    public void Only_the_programs_asked_for_are_loaded()
    {
        var builder = SampleObjects.CounterWithEverything();
        builder.AddFunction(new FunctionCode("other", [Alu64.Mov.Imm(R0, 1), Jmp.Exit()])
        {
            SectionName = "xdp",
            Lines = [new SourceLine(0, "/src/Counter.cs", "return XdpAction.Drop;", 40, 9)],
        });

        using var loaded = ObjectSpec.Read(builder.Write(), "counter").Load(new LoadOptions { Programs = ["other"] });

        Assert.Equal(["other"], loaded.Programs.Keys);
        Assert.Equal(1u, loaded.Program("other").TestRun(new TestRunOptions { Data = PacketStartingWith5 }).ReturnValue);
    }

    [KernelFact]
    public void An_unknown_section_is_explained_at_load()
    {
        var builder = new ObjectBuilder();
        builder.AddFunction(new FunctionCode("prog", [Alu64.Mov.Imm(R0, 2), Jmp.Exit()]) { SectionName = "myprog" });

        var exception = Assert.Throws<BpfInvalidArgumentException>(() => ObjectSpec.Read(builder.Write()).Load());

        Assert.Contains("'myprog'", exception.Message);
        Assert.Contains("xdp", exception.Message);
    }

    [KernelFact("clang-19", "bpftool")]
    public void Clang_objects_run_like_they_do_under_libbpf()
    {
        var packets = Packets.Mixed(seed: 2026, count: 60);
        foreach (var fixture in ClangFixtures.Names)
        {
            string path = ClangFixtures.Compile(fixture);
            var spec = ObjectSpec.ReadFile(path);
            if (spec.Programs.All(program => program.Type != BpfProgramType.Xdp))
                continue;
            using var ours = spec.Load();
            using var libbpf = Bpftool.LoadAll(path);

            // Both loaders run every packet on CPU 0, so per-CPU map values land in the same slots.
            using (CpuAffinity.PinCurrentThread(cpu: 0))
            foreach (var program in spec.Programs.Where(program => program.Type == BpfProgramType.Xdp))
            {
                foreach (var packet in packets)
                {
                    var expected = libbpf.Run(program.Name, packet, cpu: 0);
                    var actual = ours.Program(program.Name).TestRun(new TestRunOptions { Data = packet });
                    Assert.True(expected.ReturnValue == actual.ReturnValue, $"{fixture}/{program.Name}: libbpf returned {expected.ReturnValue}, we returned {actual.ReturnValue}");
                    Assert.Equal(expected.DataOut, actual.DataOut);
                }
            }
            foreach (var map in ours.Maps.Values.Where(Dumpable))
            {
                var expected = libbpf.DumpMap(map.Name).OrderBy(entry => Convert.ToHexString(entry.Key)).ToList();
                var actual = map.Keys()
                    .Select(key =>
                    {
                        var value = new byte[map.ValueBufferSize];
                        Assert.True(map.TryLookup(key, value));
                        return (Key: key, Value: value);
                    })
                    .OrderBy(entry => Convert.ToHexString(entry.Key))
                    .ToList();
                Assert.True(expected.Count == actual.Count, $"{fixture}: map {map.Name} has {actual.Count} entries here, {expected.Count} under libbpf");
                for (int i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i].Key, actual[i].Key);
                    Assert.True(expected[i].Value.AsSpan().SequenceEqual(actual[i].Value), $"{fixture}: map {map.Name} differs at key {Convert.ToHexString(actual[i].Key)}");
                }
            }
        }
    }

    [KernelFact("clang-19")]
    public void Every_program_of_every_clang_fixture_passes_the_verifier()
    {
        foreach (var fixture in ClangFixtures.Names)
        {
            using var loaded = BpfObject.Load(ClangFixtures.Compile(fixture));
            Assert.All(loaded.Programs.Values, program => Assert.True(program.GetInfo().VerifiedInstructions > 0));
        }
    }

    /// <summary>Maps whose entries are plain bytes on both sides (not fds, ids or streams).</summary>
    private static bool Dumpable(BpfMap map) => map.Type is not (BpfMapType.RingBuffer or BpfMapType.PerfEventArray
        or BpfMapType.ProgramArray or BpfMapType.ArrayOfMaps or BpfMapType.HashOfMaps or BpfMapType.Queue
        or BpfMapType.Stack or BpfMapType.BloomFilter or BpfMapType.StackTrace or BpfMapType.DevMap or BpfMapType.CpuMap);
}
