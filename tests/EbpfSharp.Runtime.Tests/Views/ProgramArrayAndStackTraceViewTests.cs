using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Views;

public class ProgramArrayAndStackTraceViewTests
{
    private const int TailCall = 12;        // bpf_tail_call (kernel: include/uapi/linux/bpf.h, __BPF_FUNC_MAPPER)
    private const int GetStackId = 27;      // bpf_get_stackid

    [KernelFact]
    public void A_program_stored_in_a_program_array_is_tail_called_until_the_slot_is_emptied()
    {
        using var jumps = new ProgramArrayView(BpfMap.Create(new MapDefinition("jumps", BpfMapType.ProgramArray, 4, 4, 4)), ownsMap: true);
        using var target = Xdp("pass_all", [Alu64.Mov.Imm(R0, 2), Jmp.Exit()]);                 // XDP_PASS
        using var caller = Xdp("jump_to_0",
        [
            Ld.MapFd(R2, jumps.Map.Handle.Value),
            Alu64.Mov.Imm(R3, 0),
            Jmp.Call(TailCall),
            Alu64.Mov.Imm(R0, 1),                                                               // XDP_DROP when the slot is empty
            Jmp.Exit(),
        ]);
        var packet = new TestRunOptions { Data = new byte[64] };

        Assert.Equal(1u, caller.TestRun(packet).ReturnValue);
        jumps[0] = target;
        Assert.True(jumps.Contains(0));
        Assert.False(jumps.Contains(1));
        Assert.Equal(2u, caller.TestRun(packet).ReturnValue);
        jumps[0] = null;
        Assert.False(jumps.Contains(0));
        Assert.Equal(1u, caller.TestRun(packet).ReturnValue);
        jumps[1] = target;
        Assert.True(jumps.Remove(1));
        Assert.False(jumps.Remove(1));
        Assert.Equal(4, jumps.Count);
    }

    [KernelFact]
    public void A_stack_captured_by_a_program_is_read_without_its_unused_frames()
    {
        using var stacks = new StackTraceView(BpfMap.Create(new MapDefinition("stacks", BpfMapType.StackTrace, 4, 127 * 8, 16)), ownsMap: true);
        // A raw tracepoint program run by BPF_PROG_TEST_RUN captures the kernel stack of the bpf() call and returns its id.
        using var capture = BpfProgram.Load(ProgramDefinition.FromInstructions("capture_stack", BpfProgramType.RawTracepoint,
        [
            Ld.MapFd(R2, stacks.Map.Handle.Value),
            Alu64.Mov.Imm(R3, 0),
            Jmp.Call(GetStackId),
            Jmp.Exit(),
        ]));

        uint id = capture.TestRun(new TestRunOptions { Context = new byte[8], Repeat = 0 }).ReturnValue;

        Assert.True((int)id >= 0, $"bpf_get_stackid failed with {(int)id}");
        Assert.True(stacks.TryGetStack(id, out var addresses));
        Assert.NotEmpty(addresses);
        Assert.True(addresses.Length < stacks.MaxDepth);
        Assert.DoesNotContain(0ul, addresses);
        Assert.True(stacks.Remove(id));
        Assert.False(stacks.TryGetStack(id, out var gone));
        Assert.Empty(gone);
        Assert.False(stacks.Remove(id));
    }

    [KernelFact]
    public void A_stack_trace_view_refuses_build_id_maps()
    {
        using var map = BpfMap.Create(new MapDefinition("build_ids", BpfMapType.StackTrace, 4, 127 * 32, 4, BpfMapFlags.StackBuildId));

        var error = Assert.Throws<ArgumentException>(() => new StackTraceView(map));

        Assert.Contains("build ids", error.Message);
    }

    private static BpfProgram Xdp(string name, Instruction[] code) =>
        BpfProgram.Load(ProgramDefinition.FromInstructions(name, BpfProgramType.Xdp, code) with { ExpectedAttachType = BpfAttachType.Xdp });
}
