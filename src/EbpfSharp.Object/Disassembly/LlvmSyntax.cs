using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// The operand spellings of LLVM's BPF assembly printer (llvm/lib/Target/BPF/MCTargetDesc/BPFInstPrinter.cpp),
/// with immediates in hex as llvm-objdump prints them by default.
/// </summary>
internal static class LlvmSyntax
{
    /// <summary>
    /// LLVM's BPF register class has r0–r11 (r11 is the verifier's hidden auxiliary register); a register
    /// field of 12–15 makes an instruction that reads it undecodable.
    /// </summary>
    public static bool IsRegister(Register register) => (byte)register <= 11;

    /// <summary><c>r3</c>, or <c>w3</c> for the 32-bit sub-register.</summary>
    public static string Register(Register register, bool subRegister = false) =>
        (subRegister ? "w" : "r") + ((byte)register).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A signed value as C-style hex: <c>0x1f</c>, <c>-0x3</c>.</summary>
    public static string Hex(long value) =>
        value < 0 ? "-0x" + unchecked((ulong)-value).ToString("x") : "0x" + value.ToString("x");

    /// <summary>A jump distance with its sign always shown: <c>+0x2</c>, <c>-0x1</c>.</summary>
    public static string Distance(long slots) => (slots >= 0 ? "+" : string.Empty) + Hex(slots);

    /// <summary>A base register and displacement: <c>r1 + 0x8</c>, <c>r10 - 0x4</c>.</summary>
    public static string Address(Register baseRegister, short offset) =>
        Register(baseRegister) + (offset >= 0 ? " + " : " - ") + Hex(Math.Abs((int)offset));

    /// <summary>The C type of an access: <c>u8</c> … <c>u64</c>, or <c>s8</c> … <c>s32</c> when sign-extending.</summary>
    public static string Type(AccessSize size, bool signed = false) =>
        (signed ? "s" : "u") + (size.Bytes() * 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
