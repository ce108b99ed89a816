using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Programs;

public class ProgramLoadTests
{
    private static readonly byte[] Packet = new byte[64];

    /// <summary>XDP: drop packets shorter than 60 bytes, pass the rest.</summary>
    private static Instruction[] LengthFilter =>
    [
        Mem.Load(AccessSize.Word, R2, R1, 0),          // data
        Mem.Load(AccessSize.Word, R3, R1, 4),          // data_end
        Alu64.Sub.Reg(R3, R2),
        Alu64.Mov.Imm(R0, 1),                          // XDP_DROP
        Jmp.Lt.Imm(R3, 60, "out"),
        Alu64.Mov.Imm(R0, 2),                          // XDP_PASS
        Jmp.Exit().WithLabel("out"),
    ];

    [KernelFact]
    public void An_xdp_program_loads_and_test_runs_with_the_verdict_of_its_code()
    {
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("length_filter", BpfProgramType.Xdp, LengthFilter)
            with { ExpectedAttachType = BpfAttachType.Xdp });

        var pass = program.TestRun(new TestRunOptions { Data = new byte[64] });
        var drop = program.TestRun(new TestRunOptions { Data = new byte[20] });

        Assert.Equal(2u, pass.ReturnValue);
        Assert.Equal(new byte[64], pass.DataOut);
        Assert.Equal(1u, drop.ReturnValue);
    }

    [KernelFact]
    public void Test_run_returns_the_packet_the_program_rewrote()
    {
        Instruction[] rewrite =
        [
            Mem.Load(AccessSize.Word, R2, R1, 0),
            Mem.Load(AccessSize.Word, R3, R1, 4),
            Alu64.Mov.Reg(R4, R2),
            Alu64.Add.Imm(R4, 1),
            Alu64.Mov.Imm(R0, 1),
            Jmp.Gt.Reg(R4, R3, "out"),
            Mem.StoreImm(AccessSize.Byte, R2, 0, 0xab),
            Alu64.Mov.Imm(R0, 2),
            Jmp.Exit().WithLabel("out"),
        ];
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("rewrite", BpfProgramType.Xdp, rewrite));

        var result = program.TestRun(new TestRunOptions { Data = Packet });

        Assert.Equal(0xab, result.DataOut[0]);
        Assert.Equal(Packet.Length, result.DataOut.Length);
    }

    [KernelFact]
    public void Test_run_passes_a_context_in_and_returns_it()
    {
        Instruction[] metadataLength =
        [
            Mem.Load(AccessSize.Word, R2, R1, 0),          // data
            Mem.Load(AccessSize.Word, R3, R1, 8),          // data_meta
            Alu64.Mov.Reg(R0, R2),
            Alu64.Sub.Reg(R0, R3),                         // bytes of metadata in front of the packet
            Jmp.Exit(),
        ];
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("meta_length", BpfProgramType.Xdp, metadataLength));
        // struct xdp_md in: data = 8 means the first 8 bytes of the input are metadata (kernel: net/bpf/test_run.c).
        var context = new byte[24];
        BitConverter.TryWriteBytes(context.AsSpan(0), 8u);
        BitConverter.TryWriteBytes(context.AsSpan(4), 72u);

        var result = program.TestRun(new TestRunOptions { Data = new byte[72], Context = context, ContextOutSize = 24 });

        Assert.Equal(8u, result.ReturnValue);
        Assert.Equal(24, result.ContextOut.Length);
        Assert.Equal(72u, BitConverter.ToUInt32(result.ContextOut, 4));
        Assert.Equal(72, result.DataOut.Length);      // data_out starts at the metadata, as data_in did
    }

    [KernelFact]
    public void A_rejected_program_throws_with_the_verifier_log()
    {
        Instruction[] readsUninitialized = [Alu64.Mov.Reg(R0, R5), Jmp.Exit()];

        var exception = Assert.Throws<BpfVerifierException>(() =>
            BpfProgram.Load(ProgramDefinition.FromInstructions("bad_read", BpfProgramType.Xdp, readsUninitialized)));

        Assert.Contains("R5 !read_ok", exception.VerifierLog);
        Assert.Contains("R5 !read_ok", exception.Message);
        Assert.Equal("bad_read", exception.ProgramName);
    }

    [KernelFact]
    public void A_load_can_keep_the_verifier_log_on_success()
    {
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("logged", BpfProgramType.Xdp, LengthFilter), VerifierLogLevel.Statistics);

        Assert.Contains("processed", program.VerifierLog);
    }

    [KernelFact]
    public void Info_reports_instruction_counts_and_verifier_work()
    {
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("length_filter", BpfProgramType.Xdp, LengthFilter));

        var info = program.GetInfo();

        Assert.Equal("length_filter", info.Name);
        Assert.Equal(BpfProgramType.Xdp, info.Type);
        Assert.True(info.Id > 0);
        Assert.Equal(7, program.InstructionCount);
        Assert.True(info.TranslatedInstructionCount >= 7);
        Assert.True(info.VerifiedInstructions >= 7);
        Assert.True(info.JitedSize > 0, "this kernel JIT-compiles programs");
        Assert.Equal(16, info.Tag.Length);
    }

    [KernelFact]
    public void Names_the_kernel_refuses_are_sanitized()
    {
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("<Main>b__0_0 with a long name", BpfProgramType.Xdp, LengthFilter));

        Assert.Equal("_Main_b__0_0_wi", program.GetInfo().Name);
    }

    [KernelFact]
    public void A_gpl_only_helper_in_a_proprietary_program_is_rejected_with_the_reason()
    {
        Instruction[] printk =
        [
            Alu64.Mov.Imm(R1, 0),
            Mem.Store(AccessSize.DoubleWord, R10, -8, R1),
            Alu64.Mov.Reg(R1, R10),
            Alu64.Add.Imm(R1, -8),
            Alu64.Mov.Imm(R2, 8),
            Jmp.Call(6),                                 // bpf_trace_printk
            Alu64.Mov.Imm(R0, 2),
            Jmp.Exit(),
        ];
        var exception = Assert.Throws<BpfVerifierException>(() =>
            BpfProgram.Load(ProgramDefinition.FromInstructions("printk", BpfProgramType.Xdp, printk, license: "Proprietary")));

        Assert.Contains("GPL", exception.VerifierLog);
    }

    [KernelFact]
    public void An_xdp_test_run_on_a_runt_packet_explains_the_minimum()
    {
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("length_filter", BpfProgramType.Xdp, LengthFilter));

        var exception = Assert.Throws<BpfInvalidArgumentException>(() => program.TestRun(new TestRunOptions { Data = new byte[4] }));

        Assert.Contains("14-byte", exception.Message);
    }

    [KernelFact]
    public void A_disposed_program_cannot_be_run()
    {
        var program = BpfProgram.Load(ProgramDefinition.FromInstructions("length_filter", BpfProgramType.Xdp, LengthFilter));
        program.Dispose();

        Assert.Throws<ObjectDisposedException>(() => program.TestRun(new TestRunOptions { Data = Packet }));
    }
}
