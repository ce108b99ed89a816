using EbpfSharp.Object.Instructions;
using static EbpfSharp.Object.Disassembly.LlvmSyntax;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// STX ATOMIC instructions (4 and 8 bytes). LLVM decodes only the low byte of the immediate: its high
/// nibble picks add/or/and/xor, and a low nibble of exactly 1 (BPF_FETCH) makes it a fetching operation,
/// while any other low nibble still decodes as the plain <c>lock</c> form; xchg and cmpxchg need exactly
/// 0xe1 and 0xf1. The upper 24 bits are ignored.
/// </summary>
internal static class AtomicText
{
    /// <summary>
    /// Formats an atomic. The 4-byte forms always use w registers, as <c>llvm-objdump --mattr=+alu32</c>
    /// prints them: without alu32, LLVM 19 decodes opcode 0xc3 only as the old XADD and shows every other
    /// 32-bit atomic as <c>&lt;unknown&gt;</c> (BPFDisassembler.cpp picks the ALU32 decoder table for them).
    /// </summary>
    public static string? Format(Instruction instruction)
    {
        var size = instruction.OpCode.Size;
        if (size is not (AccessSize.Word or AccessSize.DoubleWord))
            return null;
        bool is32 = size == AccessSize.Word;
        string src = Register(instruction.Source, is32);
        string address = Address(instruction.Destination, instruction.Offset);
        int operation = instruction.Immediate & 0xff;

        if (Arithmetic(operation & 0xf0) is ({ } symbol, { } name))
        {
            return (operation & 0x0f) == (int)AtomicOperation.Fetch
                ? $"{src} = atomic_fetch_{name}(({Type(size)} *)({address}), {src})"
                : $"lock *({Type(size)} *)({address}) {symbol} {src}";
        }
        return (operation, is32) switch
        {
            ((int)AtomicOperation.Exchange, true) => $"{src} = xchg32_32({address}, {src})",
            ((int)AtomicOperation.Exchange, false) => $"{src} = xchg_64({address}, {src})",
            ((int)AtomicOperation.CompareExchange, true) => $"w0 = cmpxchg32_32({address}, w0, {src})",
            ((int)AtomicOperation.CompareExchange, false) => $"r0 = cmpxchg_64({address}, r0, {src})",
            _ => null,
        };
    }

    private static (string? Symbol, string? Name) Arithmetic(int operation) => (AtomicOperation)operation switch
    {
        AtomicOperation.Add => ("+=", "add"),
        AtomicOperation.Or => ("|=", "or"),
        AtomicOperation.And => ("&=", "and"),
        AtomicOperation.Xor => ("^=", "xor"),
        _ => (null, null),
    };
}
