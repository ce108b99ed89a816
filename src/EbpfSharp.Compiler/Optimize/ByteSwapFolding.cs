using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// A byte swap of a byte swap of the same size is the value's low bytes: swapping header fields through their
/// host-order properties (<c>ip-&gt;SourceAddress = ip-&gt;DestinationAddress</c>) reads with one swap and writes
/// with another, which cancel. The value itself replaces the pair when it has no other bits (a load of that size,
/// or a swap or zero extension to it); otherwise a zero extension does.
/// </summary>
internal static class ByteSwapFolding
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        var replacements = new Dictionary<IrValue, IrValue>();
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var outer = block.Instructions[i];
                if (outer is not { Opcode: IrOpcode.ByteSwap } || outer.Operands[0] is not IrInstruction { Opcode: IrOpcode.ByteSwap } inner
                    || inner.Size != outer.Size || inner.Operands[0].Wide != outer.Wide)
                    continue;
                var value = inner.Operands[0];
                if (value is IrInstruction { Opcode: IrOpcode.Load or IrOpcode.ByteSwap or IrOpcode.ZeroExtend } narrow && narrow.Size <= outer.Size)
                {
                    replacements[outer] = value;
                    continue;
                }
                // Same place, same value: a zero extension of the swapped value's source.
                outer.Opcode = IrOpcode.ZeroExtend;
                outer.Operands[0] = value;
                outer.Immediate = 0;
                changed = true;
            }
        if (replacements.Count == 0)
            return changed;
        foreach (var block in function.Blocks)
            block.Instructions.RemoveAll(replacements.ContainsKey);
        IrEdits.ReplaceUses(function, replacements);
        return true;
    }
}
