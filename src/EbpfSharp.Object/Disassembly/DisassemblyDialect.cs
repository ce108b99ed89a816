namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// Which llvm-objdump invocation the text matches. The two differ only in how 8-, 16- and 32-bit
/// loads and stores name their value register.
/// </summary>
public enum DisassemblyDialect
{
    /// <summary>
    /// <c>llvm-objdump -d</c>: <c>r2 = *(u32 *)(r1 + 0x4)</c>. 32-bit atomics (opcode 0xc3) are the one
    /// exception: plain llvm-objdump decodes them without the alu32 feature and prints most of them as
    /// <c>&lt;unknown&gt;</c>, so they are printed as with <see cref="Alu32"/>, which is the correct text.
    /// </summary>
    Default,

    /// <summary><c>llvm-objdump -d --mattr=+alu32</c>: <c>w2 = *(u32 *)(r1 + 0x4)</c>, <c>*(u8 *)(r1 + 0x0) = w2</c>.</summary>
    Alu32,
}
