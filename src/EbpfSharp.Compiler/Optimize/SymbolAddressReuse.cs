using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Within a block, the address of a map or global is loaded once: <c>Packets++</c> reads and writes through one
/// <c>ld_imm64</c>, not two. Across blocks the address is loaded again, which costs less than keeping a
/// register busy over the whole function.
/// </summary>
internal static class SymbolAddressReuse
{
    public static bool Run(IrFunction function)
    {
        var replacements = new Dictionary<IrValue, IrValue>();
        foreach (var block in function.Blocks)
        {
            var first = new Dictionary<string, IrInstruction>();
            foreach (var instruction in block.Instructions)
            {
                if (instruction.Opcode != IrOpcode.SymbolAddress)
                    continue;
                if (first.TryGetValue(instruction.Symbol!, out var earlier))
                    replacements[instruction] = earlier;
                else
                    first[instruction.Symbol!] = instruction;
            }
        }
        IrEdits.ReplaceUses(function, replacements);
        return replacements.Count > 0;
    }
}
