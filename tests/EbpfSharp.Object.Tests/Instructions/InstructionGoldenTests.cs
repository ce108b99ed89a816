using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Object.Tests.Instructions;

/// <summary>Golden bytes and text for every builder form (the table is in <see cref="InstructionForms"/>).</summary>
public sealed class InstructionGoldenTests
{
    [Theory]
    [MemberData(nameof(InstructionForms.Calls), MemberType = typeof(InstructionForms))]
    public void Builder_call_encodes_to_its_golden_bytes(string call)
    {
        var form = InstructionForms.Get(call);
        var bytes = new byte[form.Instruction.Slots * 8];
        form.Instruction.EncodeTo(bytes);
        Assert.Equal(form.Hex, Hex(bytes));
    }

    [Theory]
    [MemberData(nameof(InstructionForms.Calls), MemberType = typeof(InstructionForms))]
    public void Golden_bytes_decode_to_the_builder_instruction(string call)
    {
        var form = InstructionForms.Get(call);
        Assert.Equal(form.Instruction, Instruction.Decode(Convert.FromHexString(form.Hex.Replace(" ", ""))));
    }

    [Theory]
    [MemberData(nameof(InstructionForms.Calls), MemberType = typeof(InstructionForms))]
    public void Builder_call_prints_as_llvm_objdump_does(string call)
    {
        var form = InstructionForms.Get(call);
        Assert.Equal(form.Text, form.Instruction.ToString());
    }

    [Fact]
    public void Table_covers_every_opcode_llvm_decodes()
    {
        // Every opcode byte for which some encoding decodes (found by scanning all 256 with llvm-objdump-19).
        var covered = InstructionForms.All.Select(form => form.Instruction.OpCode.Value).ToHashSet();
        var decodable = Enumerable.Range(0, 256).Select(value => (byte)value)
            .Where(code => Enumerable.Range(0, 0x100).Any(low => DecodesWithSomeFields(code, low)))
            .ToList();
        Assert.Empty(decodable.Where(code => !covered.Contains(code)).Select(code => $"0x{code:x2}"));
        Assert.Equal(127, decodable.Count);
    }

    [Fact]
    public void Atomic_fetch_add_prints_as_llvm_does() =>
        Assert.Equal("w2 = atomic_fetch_add((u32 *)(r1 + 0x8), w2)", Atomic.Add(AccessSize.Word, R1, 8, R2, fetch: true).ToString());

    [Fact]
    public void Compare_exchange_names_r0_as_the_expected_value() =>
        Assert.Equal("r0 = cmpxchg_64(r1 + 0x8, r0, r2)", Atomic.CompareExchange(AccessSize.DoubleWord, R1, 8, R2).ToString());

    [Fact]
    public void Sub_register_loads_print_w_registers_only_in_the_alu32_dialect()
    {
        var load = Mem.Load(AccessSize.Word, R2, R1, 4);
        Assert.Equal("r2 = *(u32 *)(r1 + 0x4)", InstructionFormatter.Format(load));
        Assert.Equal("w2 = *(u32 *)(r1 + 0x4)", InstructionFormatter.Format(load, DisassemblyDialect.Alu32));
        Assert.Equal("*(u8 *)(r10 - 0x1) = w3", InstructionFormatter.Format(Mem.Store(AccessSize.Byte, R10, -1, R3), DisassemblyDialect.Alu32));
        Assert.Equal("*(u64 *)(r10 - 0x8) = r3", InstructionFormatter.Format(Mem.Store(AccessSize.DoubleWord, R10, -8, R3), DisassemblyDialect.Alu32));
    }

    [Fact]
    public void Wide_constant_prints_in_signed_hex_with_the_ll_suffix()
    {
        Assert.Equal("r1 = -0x1 ll", Ld.Imm64(R1, -1).ToString());
        Assert.Equal("r1 = 0xffffffff ll", Ld.Imm64(R1, 0xffffffff).ToString());
    }

    [Fact]
    public void Only_decodable_jumps_have_a_branch_distance()
    {
        Assert.Equal(3, InstructionFormatter.BranchDistance(Jmp.Ja((short)3)));
        Assert.Equal(-7, InstructionFormatter.BranchDistance(Jmp.LongJump(-7)));
        Assert.Equal(-2, InstructionFormatter.BranchDistance(Jmp32.Ne.Reg(R1, R2, (short)-2)));
        Assert.Equal(5, InstructionFormatter.BranchDistance(Jmp.MayGoto((short)5)));
        Assert.Null(InstructionFormatter.BranchDistance(Jmp.CallRelative(4)));
        Assert.Null(InstructionFormatter.BranchDistance(Jmp.Exit()));
        Assert.Null(InstructionFormatter.BranchDistance(Jmp.Eq.Imm((Register)12, 0, (short)1)));
        Assert.Null(InstructionFormatter.BranchDistance(Alu64.Mov.Imm(R0, 1)));
    }

    private static bool DecodesWithSomeFields(byte code, int lowImmediate)
    {
        // Offsets and immediates LLVM accepts somewhere: 0, 1 (sdiv), 8 (movsx), 16 (byte order widths).
        foreach (short offset in new short[] { 0, 1, 8 })
        foreach (int immediate in new[] { lowImmediate, 16 })
            if (InstructionFormatter.TryFormat(new Instruction(new OpCode(code), R1, R2, offset, immediate), DisassemblyDialect.Default, out _))
                return true;
        return false;
    }

    internal static string Hex(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2")));
}
