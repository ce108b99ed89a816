using System.Buffers.Binary;
using System.Text;
using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Tests.Kernel;

/// <summary>
/// Hand-assembled XDP programs call the real helpers under BPF_PROG_TEST_RUN; the managed implementations must
/// give the same return values and the same output bytes.
/// </summary>
[Collection(nameof(Bpf.TraceOutput))]
public class KernelHelperTests
{
    private const int AdjustHead = 44, AdjustMeta = 54, AdjustTail = 65, CsumDiff = 28, TracePrintk = 6;

    private static TestRunResult Run(string name, List<Instruction> code, byte[] packet)
    {
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions(name, BpfProgramType.Xdp, code)
            with { ExpectedAttachType = BpfAttachType.Xdp });
        return program.TestRun(new TestRunOptions { Data = packet });
    }

    private static byte[] Packet(int length)
    {
        var packet = new byte[length];
        new Random(length).NextBytes(packet);
        return packet;
    }

    // Calls the adjust helpers in order, stopping at the first that fails; returns its result (0 when all succeed).
    private static List<Instruction> AdjustProgram((int Helper, int Delta)[] steps)
    {
        var code = new List<Instruction> { Alu64.Mov.Reg(R6, R1) };
        foreach (var (helper, delta) in steps)
        {
            code.Add(Alu64.Mov.Reg(R1, R6));
            code.Add(Alu64.Mov.Imm(R2, delta));
            code.Add(Jmp.Call(helper));
            code.Add(Jmp.Ne.Imm(R0, 0, "out"));
        }
        code.Add(Alu64.Mov.Imm(R0, 0));
        code.Add(Jmp.Exit().WithLabel("out"));
        return code;
    }

    private static int Managed(XdpContext ctx, (int Helper, int Delta)[] steps)
    {
        foreach (var (helper, delta) in steps)
        {
            int result = helper switch
            {
                AdjustHead => Bpf.XdpAdjustHead(ctx, delta),
                AdjustTail => Bpf.XdpAdjustTail(ctx, delta),
                _ => Bpf.XdpAdjustMeta(ctx, delta),
            };
            if (result != 0)
                return result;
        }
        return 0;
    }

    public static TheoryData<string, int, int[]> AdjustCases => new()
    {
        // name, packet length, (helper, delta) pairs
        { "head push to the frame area", 64, [AdjustHead, -216] },
        { "head push past it", 64, [AdjustHead, -217] },
        { "head pop to 14 bytes", 64, [AdjustHead, 50] },
        { "head pop past 14 bytes", 64, [AdjustHead, 51] },
        { "tail grow to the reserve", 64, [AdjustTail, 3520 - 64] },
        { "tail grow past it", 64, [AdjustTail, 3521 - 64] },
        { "tail trim to 14 bytes", 64, [AdjustTail, -50] },
        { "tail trim past 14 bytes", 64, [AdjustTail, -51] },
        { "tail trim and regrow zeroes", 64, [AdjustTail, -20, AdjustTail, 20] },
        { "head pop and push back keeps the bytes", 64, [AdjustHead, 20, AdjustHead, -20] },
        { "meta 4 bytes", 64, [AdjustMeta, -4] },
        { "meta 2 bytes", 64, [AdjustMeta, -2] },
        { "meta after data", 64, [AdjustMeta, 4] },
        { "meta to the frame area", 64, [AdjustMeta, -216] },
        { "meta into the frame area", 64, [AdjustMeta, -220] },
        { "meta 252 bytes", 300, [AdjustHead, 100, AdjustMeta, -252] },
        { "meta 256 bytes", 300, [AdjustHead, 100, AdjustMeta, -256] },
        { "head push with meta", 64, [AdjustMeta, -8, AdjustHead, -208] },
        { "head push with meta past the frame area", 64, [AdjustMeta, -8, AdjustHead, -209] },
        { "head pop with meta", 64, [AdjustMeta, -12, AdjustHead, 30] },
    };

    [KernelTheory]
    [MemberData(nameof(AdjustCases))]
    public void Adjust_helpers_match_the_kernel(string name, int length, int[] pairs)
    {
        var steps = Enumerable.Range(0, pairs.Length / 2).Select(i => (pairs[2 * i], pairs[2 * i + 1])).ToArray();
        var packet = Packet(length);

        var kernel = Run("adjust", AdjustProgram(steps), packet);
        var ctx = XdpContext.ForPacket(packet);
        int managed = Managed(ctx, steps);

        Assert.True((uint)managed == kernel.ReturnValue, $"{name}: managed {managed}, kernel {(int)kernel.ReturnValue}");
        Assert.Equal(kernel.DataOut, ctx.ToArrayWithMetadata());
    }

    // Writes bytes to the stack at offset (from r10), word by word; the area is zero-padded to whole words.
    private static void StoreOnStack(List<Instruction> code, short offset, byte[] bytes)
    {
        var padded = new byte[(bytes.Length + 3) & ~3];
        bytes.CopyTo(padded, 0);
        for (int i = 0; i < padded.Length; i += 4)
            code.Add(Mem.StoreImm(AccessSize.Word, R10, (short)(offset + i), BinaryPrimitives.ReadInt32LittleEndian(padded.AsSpan(i))));
    }

    [KernelTheory]
    [InlineData(1, 4, 4)]
    [InlineData(2, 40, 40)]
    [InlineData(3, 80, 0)]
    [InlineData(4, 0, 200)]
    [InlineData(5, 6, 3)]
    [InlineData(6, 128, 128)]
    [InlineData(7, 119, 73)]
    [InlineData(8, 0, 0)]
    [InlineData(9, 20, 20)]
    [InlineData(10, 240, 16)]
    public unsafe void CsumDiff_matches_the_kernel_bit_for_bit(int seed, int fromSize, int toSize)
    {
        var random = new Random(seed);
        var from = new byte[fromSize];
        var to = new byte[toSize];
        random.NextBytes(from);
        random.NextBytes(to);
        uint start = seed == 8 ? 0x1_2345u : (uint)random.NextInt64(1L << 32);

        var code = new List<Instruction>();
        StoreOnStack(code, -512, from);
        StoreOnStack(code, -256, to);
        code.Add(Alu64.Mov.Reg(R1, R10));
        code.Add(Alu64.Add.Imm(R1, -512));
        code.Add(Alu64.Mov.Imm(R2, fromSize));
        code.Add(Alu64.Mov.Reg(R3, R10));
        code.Add(Alu64.Add.Imm(R3, -256));
        code.Add(Alu64.Mov.Imm(R4, toSize));
        code.Add(Ld.Imm64(R5, start));
        code.Add(Jmp.Call(CsumDiff));
        code.Add(Jmp.Exit());
        var kernel = Run("csum_diff", code, Packet(64));

        long managed;
        fixed (byte* f = from)
        fixed (byte* t = to)
            managed = Bpf.CsumDiff((uint*)f, (uint)fromSize, (uint*)t, (uint)toSize, start);

        Assert.Equal((uint)managed, kernel.ReturnValue);
    }

    [KernelTheory]
    [InlineData("plain\n", 0UL, 0UL, 0UL)]
    [InlineData("%d %u %x\n", 0xFFFFFFFFUL, 0xFFFFFFFFUL, 0x1_DEAD_BEEFUL)]
    [InlineData("%ld %lu %llx\n", ulong.MaxValue, ulong.MaxValue, ulong.MaxValue)]
    [InlineData("[%05d] [%-6u] [%+d]\n", 0xFFFFFFD6UL, 7UL, 9UL)]
    [InlineData("[% d] [%08X] [%3c]\n", 5UL, 0xBEEFUL, 0x41UL)]
    [InlineData("100%% %lli\n", 0x8000_0000_0000_0000UL, 0UL, 0UL)]
    [InlineData("%d %d %d %d\n", 1UL, 2UL, 3UL)]
    [InlineData("%#x\n", 1UL, 0UL, 0UL)]
    [InlineData("%hd\n", 1UL, 0UL, 0UL)]
    [InlineData("tab\there\n", 0UL, 0UL, 0UL)]
    [InlineData("bell \u0007\n", 0UL, 0UL, 0UL)]
    [InlineData("trailing %", 0UL, 0UL, 0UL)]
    public void Printk_returns_what_the_kernel_returns(string format, ulong a, ulong b, ulong c)
    {
        var text = Encoding.ASCII.GetBytes(format + "\0");
        var code = new List<Instruction>();
        StoreOnStack(code, -256, text);
        code.Add(Alu64.Mov.Reg(R1, R10));
        code.Add(Alu64.Add.Imm(R1, -256));
        code.Add(Alu64.Mov.Imm(R2, text.Length));
        code.Add(Ld.Imm64(R3, (long)a));
        code.Add(Ld.Imm64(R4, (long)b));
        code.Add(Ld.Imm64(R5, (long)c));
        code.Add(Jmp.Call(TracePrintk));
        code.Add(Jmp.Exit());
        var kernel = Run("printk", code, Packet(64));

        long managed = Bpf.Printk(format, a, b, c);

        Assert.Equal((uint)managed, kernel.ReturnValue);
    }

    [KernelFact]
    public void Redirect_returns_the_verdict_the_kernel_returns()
    {
        foreach (ulong flags in new[] { 0UL, 1UL })
        {
            List<Instruction> code =
            [
                Alu64.Mov.Imm(R1, 1),
                Ld.Imm64(R2, (long)flags),
                Jmp.Call(23),
                Jmp.Exit(),
            ];
            var kernel = Run("redirect", code, Packet(64));

            Assert.Equal((uint)Bpf.Redirect(1, flags), kernel.ReturnValue);
        }
    }
}
