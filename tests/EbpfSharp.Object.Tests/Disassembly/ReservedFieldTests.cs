using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>
/// Which reserved fields LLVM 19 checks and which it ignores. Each row is an encoding and the text
/// llvm-objdump-19 -d printed for it (with --mattr=+alu32 for opcode 0xc3).
/// </summary>
public sealed class ReservedFieldTests
{
    [Theory]
    [InlineData("Immediate_forms_ignore_the_src_field", "07 f1 00 00 05 00 00 00", "r1 += 0x5")]
    [InlineData("Register_forms_ignore_the_immediate", "0f 21 00 00 ff ff ff ff", "r1 += r2")]
    [InlineData("A_nonzero_offset_on_plain_arithmetic_is_unknown", "07 01 01 00 05 00 00 00", "<unknown>")]
    [InlineData("Offset_one_makes_division_signed", "3c 21 01 00 00 00 00 00", "w1 s/= w2")]
    [InlineData("Offset_two_on_division_is_unknown", "37 01 02 00 03 00 00 00", "<unknown>")]
    [InlineData("Offset_one_on_a_64_bit_move_is_an_address_space_cast", "bf 21 01 00 02 00 01 00", "r1 = addr_space_cast(r2, 0x1, 0x2)")]
    [InlineData("Offset_one_on_a_32_bit_move_is_unknown", "bc 21 01 00 00 00 00 00", "<unknown>")]
    [InlineData("A_32_bit_sign_extending_move_from_32_bits_is_unknown", "bc 21 20 00 00 00 00 00", "<unknown>")]
    [InlineData("A_move_with_an_immediate_and_an_offset_is_unknown", "b7 01 08 00 01 00 00 00", "<unknown>")]
    [InlineData("Register_11_is_named", "bf b1 00 00 00 00 00 00", "r1 = r11")]
    [InlineData("Register_12_is_unknown", "bf c1 00 00 00 00 00 00", "<unknown>")]
    [InlineData("Negation_ignores_every_field_but_dst", "87 21 05 00 07 00 00 00", "r1 = -r1")]
    [InlineData("Negation_by_register_is_unknown", "8f 21 00 00 00 00 00 00", "<unknown>")]
    [InlineData("Byte_order_needs_a_width_of_16_32_or_64", "dc 01 00 00 08 00 00 00", "<unknown>")]
    [InlineData("Byte_order_ignores_src_and_offset", "dc 21 01 00 10 00 00 00", "r1 = be16 r1")]
    [InlineData("Byte_swap_by_register_is_unknown", "df 01 00 00 10 00 00 00", "<unknown>")]
    [InlineData("Exit_with_a_nonzero_immediate_is_unknown", "95 00 00 00 01 00 00 00", "<unknown>")]
    [InlineData("Exit_ignores_registers_and_offset", "95 21 05 00 00 00 00 00", "exit")]
    [InlineData("Call_reads_only_its_immediate", "85 f1 05 00 0e 00 00 00", "call 0xe")]
    [InlineData("Callx_names_dst", "8d 23 00 00 00 00 00 00", "callx r3")]
    [InlineData("Goto_ignores_its_immediate", "05 21 02 00 07 00 00 00", "goto +0x2")]
    [InlineData("Goto_by_register_is_unknown", "0d 00 02 00 00 00 00 00", "<unknown>")]
    [InlineData("Gotol_ignores_its_offset", "06 00 05 00 03 00 00 00", "gotol +0x3")]
    [InlineData("May_goto_ignores_registers_and_immediate", "e5 21 03 00 07 00 00 00", "may_goto +0x3")]
    [InlineData("May_goto_in_jmp32_is_unknown", "e6 00 03 00 00 00 00 00", "<unknown>")]
    [InlineData("Conditional_jumps_by_immediate_ignore_src", "15 f1 02 00 00 00 00 00", "if r1 == 0x0 goto +0x2")]
    [InlineData("Conditional_jumps_by_register_ignore_the_immediate", "5e 21 fe ff 07 00 00 00", "if w1 != w2 goto -0x2")]
    [InlineData("Jmp32_has_no_call", "86 00 00 00 01 00 00 00", "<unknown>")]
    [InlineData("Ld_imm64_with_an_offset_is_unknown", "18 01 01 00 05 00 00 00 00 00 00 00 00 00 00 00", "<unknown>")]
    [InlineData("Ld_imm64_reads_only_the_immediate_of_its_second_slot", "18 01 00 00 05 00 00 00 95 ff ff ff 07 00 00 00", "r1 = 0x700000005 ll")]
    [InlineData("Ld_imm64_with_any_nonzero_src_is_ld_pseudo", "18 f1 00 00 fd ff ff ff 00 00 00 00 07 00 00 00", "ld_pseudo\tr1, 0xf, 0xfffffffd")]
    [InlineData("Packet_loads_of_8_bytes_are_unknown", "38 00 00 00 00 00 00 00", "<unknown>")]
    [InlineData("Indirect_packet_loads_print_only_their_register", "40 30 00 00 10 00 00 00", "r0 = *(u32 *)skb[r3]")]
    [InlineData("Absolute_packet_loads_ignore_registers_and_offset", "28 ff 07 00 10 00 00 00", "r0 = *(u16 *)skb[0x10]")]
    [InlineData("Loads_ignore_the_immediate", "79 21 f8 ff 07 00 00 00", "r1 = *(u64 *)(r2 - 0x8)")]
    [InlineData("Sign_extending_8_byte_loads_are_unknown", "99 21 00 00 00 00 00 00", "<unknown>")]
    [InlineData("Immediate_stores_ignore_src", "7a f1 00 00 07 00 00 00", "*(u64 *)(r1 + 0x0) = 0x7")]
    [InlineData("Atomic_low_nibbles_other_than_fetch_still_decode_as_plain_lock", "db 21 00 00 03 00 00 00", "lock *(u64 *)(r1 + 0x0) += r2")]
    [InlineData("Atomics_ignore_the_upper_immediate_bits", "db 21 00 00 41 01 00 00", "r2 = atomic_fetch_or((u64 *)(r1 + 0x0), r2)")]
    [InlineData("Exchange_without_fetch_is_unknown", "db 21 00 00 e0 00 00 00", "<unknown>")]
    [InlineData("Unassigned_atomic_operations_are_unknown", "c3 21 00 00 10 00 00 00", "<unknown>")]
    [InlineData("Two_byte_atomics_are_unknown", "cb 21 00 00 00 00 00 00", "<unknown>")]
    [InlineData("Opcode_zero_is_unknown", "00 01 00 00 05 00 00 00", "<unknown>")]
    public void Encoding_prints_as_llvm_objdump_does(string behaviour, string hex, string text)
    {
        var instruction = Instruction.Decode(Convert.FromHexString(hex.Replace(" ", "")));
        Assert.True(text == instruction.ToString(), $"{behaviour}: expected '{text}', got '{instruction}'.");
        Assert.Equal(text != InstructionFormatter.Unknown, InstructionFormatter.TryFormat(instruction, DisassemblyDialect.Default, out _));
    }
}
