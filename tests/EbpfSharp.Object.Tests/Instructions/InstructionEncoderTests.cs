using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Object.Tests.Instructions;

public sealed class InstructionEncoderTests
{
    [Fact]
    public void Forward_jump_to_a_label_counts_slots_from_the_next_instruction()
    {
        var encoded = InstructionEncoder.Encode(
        [
            Jmp.Eq.Imm(R1, 0, "out"),
            Ld.Imm64(R0, 5),
            Alu64.Mov.Imm(R0, 1).WithLabel("out"),
            Jmp.Exit(),
        ]);
        var decoded = InstructionEncoder.Decode(encoded.Bytes);
        Assert.Equal(2, decoded[0].Offset);
        Assert.Equal("15 01 02 00 00 00 00 00", InstructionGoldenTests.Hex(encoded.Bytes.AsSpan(0, 8)));
    }

    [Fact]
    public void Backward_jump_to_a_label_has_a_negative_distance()
    {
        var encoded = InstructionEncoder.Encode(
        [
            Alu64.Add.Imm(R1, 1).WithLabel("loop"),
            Jmp.Lt.Imm(R1, 10, "loop"),
            Jmp.Exit(),
        ]);
        Assert.Equal(-2, InstructionEncoder.Decode(encoded.Bytes)[1].Offset);
        Assert.Empty(encoded.References);
    }

    [Fact]
    public void Long_jump_puts_its_distance_in_the_immediate()
    {
        var encoded = InstructionEncoder.Encode(
        [
            Jmp.LongJump("end"),
            Alu64.Mov.Imm(R0, 1),
            Alu64.Mov.Imm(R0, 2),
            Jmp.Exit().WithLabel("end"),
        ]);
        var gotol = InstructionEncoder.Decode(encoded.Bytes)[0];
        Assert.Equal(0, gotol.Offset);
        Assert.Equal(2, gotol.Immediate);
        Assert.Equal("gotol +0x2", gotol.ToString());
    }

    [Fact]
    public void May_goto_and_ja_resolve_labels_like_conditional_jumps()
    {
        var decoded = InstructionEncoder.Decode(InstructionEncoder.Encode(
        [
            Jmp.MayGoto("exit").WithLabel("top"),
            Jmp.Ja("top"),
            Jmp.Exit().WithLabel("exit"),
        ]).Bytes);
        Assert.Equal(["may_goto +0x1", "goto -0x2", "exit"], decoded.Select(instruction => instruction.ToString()));
    }

    [Fact]
    public void Defining_a_label_twice_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => InstructionEncoder.Encode(
            [Jmp.Exit().WithLabel("x"), Jmp.Exit().WithLabel("x")]));
        Assert.Contains("'x' is defined twice", error.Message);
    }

    [Fact]
    public void Jumping_to_a_missing_label_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => InstructionEncoder.Encode([Jmp.Ja("nowhere"), Jmp.Exit()]));
        Assert.Contains("'nowhere'", error.Message);
        Assert.Contains("no instruction has that label", error.Message);
    }

    [Fact]
    public void A_jump_farther_than_a_16_bit_offset_is_an_error_that_suggests_gotol()
    {
        var program = new List<Instruction> { Jmp.Ja("far") };
        program.AddRange(Enumerable.Repeat(Alu64.Mov.Imm(R0, 0), short.MaxValue + 1));
        program.Add(Jmp.Exit().WithLabel("far"));
        var error = Assert.Throws<InvalidOperationException>(() => InstructionEncoder.Encode(program));
        Assert.Contains("long jump", error.Message);

        program[0] = Jmp.LongJump("far");
        Assert.Equal(short.MaxValue + 1, InstructionEncoder.Decode(InstructionEncoder.Encode(program).Bytes)[0].Immediate);
    }

    [Fact]
    public void The_longest_16_bit_jump_still_encodes()
    {
        var program = new List<Instruction> { Jmp.Ja("far") };
        program.AddRange(Enumerable.Repeat(Alu64.Mov.Imm(R0, 0), short.MaxValue));
        program.Add(Jmp.Exit().WithLabel("far"));
        Assert.Equal(short.MaxValue, InstructionEncoder.Decode(InstructionEncoder.Encode(program).Bytes)[0].Offset);
    }

    [Fact]
    public void Ld_imm64_of_a_map_or_global_is_reported_as_an_external_load_reference()
    {
        var encoded = InstructionEncoder.Encode(
        [
            Alu64.Mov.Imm(R2, 0),
            Ld.Symbol(R1, "packets_by_protocol"),
            Ld.Symbol(R3, ".bss", addend: 8),
            Jmp.Exit(),
        ]);
        Assert.Equal(
            [new SymbolReference(8, "packets_by_protocol", SymbolReferenceKind.Load), new SymbolReference(24, ".bss", SymbolReferenceKind.Load)],
            encoded.References);
        Assert.Equal("r3 = 0x8 ll", InstructionEncoder.Decode(encoded.Bytes)[2].ToString());
    }

    [Fact]
    public void Call_to_a_subprogram_outside_the_sequence_is_a_call_reference_with_immediate_minus_one()
    {
        var encoded = InstructionEncoder.Encode([Jmp.CallSubprogram("checksum"), Jmp.Exit()]);
        Assert.Equal([new SymbolReference(0, "checksum", SymbolReferenceKind.Call)], encoded.References);
        Assert.Equal("85 10 00 00 ff ff ff ff", InstructionGoldenTests.Hex(encoded.Bytes.AsSpan(0, 8)));
    }

    [Fact]
    public void Call_to_a_subprogram_inside_the_sequence_resolves_to_a_relative_distance()
    {
        var encoded = InstructionEncoder.Encode(
        [
            Jmp.CallSubprogram("helper"),
            Jmp.Exit(),
            Alu64.Mov.Imm(R0, 7).WithLabel("helper"),
            Jmp.Exit(),
        ]);
        Assert.Empty(encoded.References);
        Assert.Equal("call 0x1", InstructionEncoder.Decode(encoded.Bytes)[0].ToString());
    }

    [Fact]
    public void Callback_address_resolves_to_a_pseudo_function_distance()
    {
        var encoded = InstructionEncoder.Encode(
        [
            Ld.Function(R2, "callback"),
            Jmp.Exit(),
            Jmp.Exit().WithLabel("callback"),
        ]);
        Assert.Empty(encoded.References);
        // Like a call, counted from the slot after the first one (kernel: verifier.c, i + insn->imm + 1).
        Assert.Equal("ld_pseudo\tr2, 0x4, 0x2", InstructionEncoder.Decode(encoded.Bytes)[0].ToString());
    }

    [Fact]
    public void Only_jumps_calls_and_ld_imm64_may_carry_a_reference()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            InstructionEncoder.Encode([Alu64.Mov.Imm(R0, 0).WithReference("x"), Jmp.Exit().WithLabel("x")]));
        Assert.Contains("only jumps, calls and ld_imm64", error.Message);
    }

    [Fact]
    public void Decode_rejects_code_that_is_not_whole_slots()
    {
        Assert.Throws<ObjectFormatException>(() => InstructionEncoder.Decode(new byte[12]));
        Assert.Throws<ObjectFormatException>(() => InstructionEncoder.Decode([0x18, 1, 0, 0, 0, 0, 0, 0]));
    }
}
