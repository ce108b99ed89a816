using System.Buffers.Binary;
using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Readers;

/// <summary>What the XDP programs below write: the packet's first 8 bytes and its length.</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct PacketEvent(ulong Head, ulong Length);

/// <summary>
/// XDP programs, written with the instruction builder, that report each packet they see to a ring buffer or
/// perf event array. Each returns XDP_PASS when the record was written and XDP_DROP when it was not (buffer
/// full, no reader, or discarded on purpose), so tests can tell from the test run's result.
/// </summary>
internal static class EventPrograms
{
    public const uint Written = 2;                  // XDP_PASS
    public const uint NotWritten = 1;               // XDP_DROP

    // Helper ids (kernel: include/uapi/linux/bpf.h, __BPF_FUNC_MAPPER).
    private const int PerfEventOutput = 25;
    private const int RingBufferOutput = 130;
    private const int RingBufferReserve = 131;
    private const int RingBufferSubmit = 132;
    private const int RingBufferDiscard = 133;
    private const long CurrentCpu = 0xffffffff;     // BPF_F_CURRENT_CPU

    /// <summary>A packet of <paramref name="length"/> bytes (at least 14) that starts with <paramref name="head"/>, little-endian.</summary>
    public static byte[] Packet(ulong head, int length = 64)
    {
        var packet = new byte[length];
        BinaryPrimitives.WriteUInt64LittleEndian(packet, head);
        return packet;
    }

    /// <summary>bpf_ringbuf_output of a <see cref="PacketEvent"/> built on the stack, or of its first <paramref name="size"/> bytes.</summary>
    public static BpfProgram RingBufferOutputProgram(BpfMap ring, int size = 16) => Load("ringbuf_output",
    [
        .. ReadPacket(),
        Mem.Store(AccessSize.DoubleWord, R10, -16, R7),
        Mem.Store(AccessSize.DoubleWord, R10, -8, R8),
        Ld.MapFd(R1, ring.Handle.Value),
        Alu64.Mov.Reg(R2, R10),
        Alu64.Add.Imm(R2, -16),
        Alu64.Mov.Imm(R3, size),
        Alu64.Mov.Imm(R4, 0),
        Jmp.Call(RingBufferOutput),
        Jmp.Ne.Imm(R0, 0, "not_written"),
        .. Return(Written),
        .. Return(NotWritten, "not_written"),
    ]);

    /// <summary>bpf_ringbuf_reserve a <see cref="PacketEvent"/>, fill it in place, then submit it, or discard it when the head is odd.</summary>
    public static BpfProgram RingBufferReserveProgram(BpfMap ring) => Load("ringbuf_reserve",
    [
        .. ReadPacket(),
        Ld.MapFd(R1, ring.Handle.Value),
        Alu64.Mov.Imm(R2, 16),
        Alu64.Mov.Imm(R3, 0),
        Jmp.Call(RingBufferReserve),
        Jmp.Eq.Imm(R0, 0, "not_written"),
        Mem.Store(AccessSize.DoubleWord, R0, 0, R7),
        Mem.Store(AccessSize.DoubleWord, R0, 8, R8),
        Alu64.Mov.Reg(R1, R0),
        Alu64.Mov.Imm(R2, 0),
        Jmp.Set.Imm(R7, 1, "discard"),
        Jmp.Call(RingBufferSubmit),
        .. Return(Written),
        Jmp.Call(RingBufferDiscard).WithLabel("discard"),
        .. Return(NotWritten),
        .. Return(NotWritten, "not_written"),
    ]);

    /// <summary>bpf_perf_event_output of the packet's first 8 bytes to this CPU's buffer.</summary>
    public static BpfProgram PerfEventOutputProgram(BpfMap events) => Load("perf_output",
    [
        .. ReadPacket(),
        Mem.Store(AccessSize.DoubleWord, R10, -8, R7),
        Alu64.Mov.Reg(R1, R6),
        Ld.MapFd(R2, events.Handle.Value),
        Ld.Imm64(R3, CurrentCpu),                   // zero upper half: no context bytes appended
        Alu64.Mov.Reg(R4, R10),
        Alu64.Add.Imm(R4, -8),
        Alu64.Mov.Imm(R5, 8),
        Jmp.Call(PerfEventOutput),
        Jmp.Ne.Imm(R0, 0, "not_written"),
        .. Return(Written),
        .. Return(NotWritten, "not_written"),
    ]);

    // r6 = ctx, r7 = the first 8 packet bytes, r8 = the packet length; "not_written" when shorter than 8 bytes.
    private static Instruction[] ReadPacket() =>
    [
        Alu64.Mov.Reg(R6, R1),
        Mem.Load(AccessSize.Word, R2, R6, 0),       // data
        Mem.Load(AccessSize.Word, R3, R6, 4),       // data_end
        Alu64.Mov.Reg(R4, R2),
        Alu64.Add.Imm(R4, 8),
        Jmp.Gt.Reg(R4, R3, "not_written"),
        Mem.Load(AccessSize.DoubleWord, R7, R2, 0),
        Alu64.Mov.Reg(R8, R3),
        Alu64.Sub.Reg(R8, R2),
    ];

    private static Instruction[] Return(uint action, string? label = null)
    {
        var move = Alu64.Mov.Imm(R0, (int)action);
        return [label is null ? move : move.WithLabel(label), Jmp.Exit()];
    }

    private static BpfProgram Load(string name, Instruction[] code) =>
        BpfProgram.Load(ProgramDefinition.FromInstructions(name, BpfProgramType.Xdp, code) with { ExpectedAttachType = BpfAttachType.Xdp });
}
