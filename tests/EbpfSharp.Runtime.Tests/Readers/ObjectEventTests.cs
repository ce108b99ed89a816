using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Readers;

/// <summary>What the object's program submits: a sequence number from a .bss counter and the packet's first 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct SequencedPacket(ulong Sequence, ulong Head);

/// <summary>The host side of design §1.3 over an object written with the object model: a loaded object, a typed reader of its ring buffer, a typed global.</summary>
public class ObjectEventTests
{
    [KernelFact]
    public async Task Records_a_loaded_object_submits_stream_through_a_typed_reader()
    {
        using var loaded = ObjectSpec.Read(SequencedEvents().Write(), "sequenced").Load();
        using var events = new RingBufferReader<SequencedPacket>(loaded.Map("events"));
        var sequence = loaded.Variable<ulong>("sequence");
        var program = loaded.Program("report_packets");
        sequence.Value = 100;

        for (ulong head = 0; head < 5; head++)
            program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head * 11) });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var records = new List<SequencedPacket>();
        await foreach (var record in events.ReadAllAsync(timeout.Token))
        {
            records.Add(record);
            if (records.Count == 5)
                break;
        }
        Assert.Equal(Enumerable.Range(0, 5).Select(i => new SequencedPacket(100 + (ulong)i, (ulong)i * 11)), records);
        Assert.Equal(105ul, sequence.Value);
    }

    private static ObjectBuilder SequencedEvents()
    {
        var builder = new ObjectBuilder();
        int u64 = builder.Types.Integer("unsigned long long", 8, signed: false);
        builder.AddMap(new MapDeclaration("events", BpfMapType.RingBuffer, 64 * 1024));
        builder.AddGlobal(new GlobalVariable(".bss", "sequence", u64, new byte[8]));
        builder.AddFunction(new FunctionCode("report_packets",
        [
            Mem.Load(AccessSize.Word, R2, R1, 0),                   // data
            Mem.Load(AccessSize.Word, R3, R1, 4),                   // data_end
            Alu64.Mov.Reg(R4, R2),
            Alu64.Add.Imm(R4, 8),
            Jmp.Gt.Reg(R4, R3, "out"),
            Mem.Load(AccessSize.DoubleWord, R7, R2, 0),
            Ld.Symbol(R1, "sequence"),
            Alu64.Mov.Imm(R8, 1),
            Atomic.Add(AccessSize.DoubleWord, R1, 0, R8, fetch: true), // r8 = sequence++
            Mem.Store(AccessSize.DoubleWord, R10, -16, R8),
            Mem.Store(AccessSize.DoubleWord, R10, -8, R7),
            Ld.Symbol(R1, "events"),
            Alu64.Mov.Reg(R2, R10),
            Alu64.Add.Imm(R2, -16),
            Alu64.Mov.Imm(R3, 16),
            Alu64.Mov.Imm(R4, 0),
            Jmp.Call(130),                                          // bpf_ringbuf_output
            Alu64.Mov.Imm(R0, 2).WithLabel("out"),                  // XDP_PASS
            Jmp.Exit(),
        ])
        { SectionName = "xdp" });
        return builder;
    }
}
