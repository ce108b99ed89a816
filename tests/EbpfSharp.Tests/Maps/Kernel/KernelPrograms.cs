using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Runtime;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Tests.Maps.Kernel;

/// <summary>Hand-assembled XDP programs for the map comparisons that need more than one helper call.</summary>
internal static class KernelPrograms
{
    // kernel: include/uapi/linux/bpf.h, __BPF_FUNC_MAPPER
    private const int LookupHelper = 1, TailCallHelper = 12, RingBufferOutputHelper = 130;

    /// <summary>Returns <c>bpf_ringbuf_output(map, zeros, size, flags)</c>.</summary>
    public static BpfProgram RingBufferOutput(BpfMap ringBuffer, int size, ulong flags)
    {
        int stackBytes = (size + 7) & ~7;
        var code = new List<Instruction>();
        for (int offset = -stackBytes; offset < 0; offset += 8)
            code.Add(Mem.StoreImm(AccessSize.DoubleWord, R10, (short)offset, 0));
        code.Add(Ld.MapFd(R1, ringBuffer.Handle.Value));
        code.Add(Alu64.Mov.Reg(R2, R10));
        code.Add(Alu64.Add.Imm(R2, -stackBytes));
        code.Add(Alu64.Mov.Imm(R3, size));
        code.Add(Ld.Imm64(R4, (long)flags));
        code.Add(Jmp.Call(RingBufferOutputHelper));
        code.Add(Jmp.Exit());
        return Load("ringbuf_output", code);
    }

    /// <summary>Adds 1 to slot 0 of <paramref name="counter"/>, then tail-calls slot 0 of <paramref name="jumps"/>; returns XDP_DROP.</summary>
    public static BpfProgram CountAndTailCallSlot0(BpfMap jumps, BpfMap counter) => Load("count_and_jump",
    [
        Alu64.Mov.Reg(R6, R1),
        Mem.StoreImm(AccessSize.Word, R10, -4, 0),
        Alu64.Mov.Reg(R2, R10),
        Alu64.Add.Imm(R2, -4),
        Ld.MapFd(R1, counter.Handle.Value),
        Jmp.Call(LookupHelper),
        Jmp.Eq.Imm(R0, 0, "out"),
        Alu64.Mov.Imm(R1, 1),
        Atomic.Add(AccessSize.DoubleWord, R0, 0, R1),
        Alu64.Mov.Reg(R1, R6),
        Ld.MapFd(R2, jumps.Handle.Value),
        Alu64.Mov.Imm(R3, 0),
        Jmp.Call(TailCallHelper),
        Alu64.Mov.Imm(R0, (int)XdpAction.Drop).WithLabel("out"),
        Jmp.Exit(),
    ]);

    private static BpfProgram Load(string name, List<Instruction> code) =>
        BpfProgram.Load(ProgramDefinition.FromInstructions(name, BpfProgramType.Xdp, code) with { ExpectedAttachType = BpfAttachType.Xdp });
}
