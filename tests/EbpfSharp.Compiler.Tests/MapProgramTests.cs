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
}
