using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Compiler.Tests;

/// <summary>Maps, globals and atomics as the compiler writes them, loaded into the kernel.</summary>
public sealed class MapProgramTests(ITestOutputHelper output)
{
    private CompiledObject Compiled(Type type)
    {
        foreach (var diagnostic in CompiledPrograms.Diagnostics(type))
            output.WriteLine(diagnostic.ToString());
        var compiled = CompiledPrograms.Object(type);
        output.WriteLine(ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { ShowSourceLines = true }));
        return compiled;
    }

    [KernelFact]
    public void Design_example_counts_protocols_in_an_array_map_and_packets_in_bss()
    {
        var compiled = Compiled(typeof(ProtocolCounter));
        using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
        var program = loaded.Program("Count");
        var udp = Packets.Ipv4(new Random(1), protocol: 17);
        for (int i = 0; i < 3; i++)
            Assert.Equal((uint)XdpAction.Pass, program.TestRun(new TestRunOptions { Data = udp }).ReturnValue);
        Assert.Equal(3ul, loaded.ReadVariable<ulong>("Packets"));
        Assert.True(loaded.Map("Counts").TryLookup(17u, out ulong udpCount));
        Assert.Equal(3ul, udpCount);
    }

    [KernelFact]
    public void Struct_keys_queues_ring_buffers_and_tail_calls_load_and_run()
    {
        var compiled = Compiled(typeof(MapShapes));
        using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
        var program = loaded.Program("CountFlow");
        var packet = Packets.Ipv4(new Random(2), protocol: 6);
        Assert.Equal((uint)XdpAction.Pass, program.TestRun(new TestRunOptions { Data = packet }).ReturnValue);
        Assert.Equal((uint)XdpAction.Pass, program.TestRun(new TestRunOptions { Data = packet }).ReturnValue);
        var flows = loaded.Map("Flows").Entries().ToList();
        var (key, value) = Assert.Single(flows);
        Assert.Equal(16, key.Length);
        output.WriteLine(Convert.ToHexString(key));
        Assert.Equal(2ul * (ulong)packet.Length, BitConverter.ToUInt64(value));
        Assert.Equal(9ul, loaded.ReadVariable<ulong>("Sequence"));
    }

    [Theory]
    [InlineData(typeof(ReassignableMap), "EBPF1014 reassignable", IsaVersion.V3)]
    [InlineData(typeof(RuntimeSizedMap), "EBPF1014 size", IsaVersion.V3)]
    [InlineData(typeof(ManagedStatic), "EBPF1014 string", IsaVersion.V3)]
    [InlineData(typeof(ReadsRingBufferInProgram), "EBPF1019", IsaVersion.V3)]
    [InlineData(typeof(ExchangesOnV2), "EBPF1018", IsaVersion.V2)]
    public void Misuse_is_reported_with_its_id_at_its_line(Type program, string marker, IsaVersion isa)
    {
        var result = isa == IsaVersion.V3 ? CompiledPrograms.Result : EbpfCompiler.Compile(program.Assembly.Location, new CompilerOptions { Isa = isa });
        var diagnostic = Assert.Single(result.Diagnostics, diagnostic => diagnostic.MethodName?.StartsWith(program.Name + ".", StringComparison.Ordinal) == true);
        output.WriteLine(diagnostic.ToString());

        Assert.Equal(marker.Split(' ')[0], diagnostic.Id);
        Assert.EndsWith("MapMisuse.cs", diagnostic.Location!.FilePath);
        Assert.Equal(CompiledPrograms.LineOf("Programs/MapMisuse.cs", $"// {marker}"), diagnostic.Location.Line);
        Assert.DoesNotContain(result.Objects, compiled => compiled.ClassName == program.FullName);
    }

    [Fact]
    public void Exchange_compiles_on_v3_with_a_fetching_atomic()
    {
        var compiled = Compiled(typeof(ExchangesOnV2));
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName);
        Assert.Contains("xchg", listing, StringComparison.Ordinal);
    }

    [KernelFact]
    public void Raw_tracepoint_reads_its_arguments_and_stores_its_kernel_stack()
    {
        var compiled = Compiled(typeof(StackSampler));
        Assert.Equal("raw_tp/sys_enter", Assert.Single(compiled.Programs).SectionName);
        using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
        var arguments = new byte[6 * 8];
        BitConverter.TryWriteBytes(arguments.AsSpan(8), 0x1234_5678_9abcul);
        loaded.Program("Sample").TestRun(new TestRunOptions { Context = arguments });

        Assert.True(loaded.Map("LastArgument").TryLookup(0u, out ulong argument));
        Assert.Equal(0x1234_5678_9abcul, argument);
        Assert.True(loaded.Map("LastId").TryLookup(0u, out long id));
        Assert.InRange(id, 0, 63);
        var stack = new byte[127 * 8];
        Assert.True(loaded.Map("Stacks").TryLookup(BitConverter.GetBytes((uint)id), stack));
        ulong top = BitConverter.ToUInt64(stack);
        Assert.True(top >= 0xffff_8000_0000_0000ul, $"the first frame, 0x{top:x}, is not a kernel address");
    }

    [Fact]
    public void A_struct_key_built_with_new_is_zeroed_once()
    {
        var compiled = Compiled(typeof(MapShapes));
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = "CountFlow" });
        var zeroStores = listing.Split('\n')
            .Select(line => line.Split('\t')[^1].Trim())
            .Where(code => code.StartsWith("*(", StringComparison.Ordinal) && code.EndsWith("= 0x0", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(zeroStores.Distinct().Count(), zeroStores.Count);
    }

    [KernelFact]
    public void A_generic_struct_is_a_map_key_with_its_type_arguments_laid_out()
    {
        var compiled = Compiled(typeof(GenericKeys));
        using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
        var blocked = new MapView<GenericKeys.Prefix<uint>, byte>(loaded.Map("Blocked"));
        var packet = Packets.Ipv4(new Random(4), protocol: 17);
        uint source = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(26));
        var program = loaded.Program("Filter");

        Assert.Equal((uint)XdpAction.Pass, program.TestRun(new TestRunOptions { Data = packet }).ReturnValue);
        blocked[new GenericKeys.Prefix<uint> { Length = 32, Address = source }] = (byte)XdpAction.Drop;
        Assert.Equal((uint)XdpAction.Drop, program.TestRun(new TestRunOptions { Data = packet }).ReturnValue);
        Assert.Equal(8, loaded.Map("Blocked").KeySize);
        Assert.Empty(loaded.Warnings);                      // the kernel took the BTF, Prefix_UInt32 included
        Assert.NotEqual(0, loaded.Map("Blocked").GetInfo().BtfKeyTypeId);
    }
}
