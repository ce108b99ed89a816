using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>Removes phis whose operands are all one value (or the phi itself), as SSA construction leaves them.</summary>
internal static class PhiSimplification
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        while (true)
        {
            var replacements = new Dictionary<IrValue, IrValue>();
            foreach (var block in function.Blocks)
                foreach (var phi in block.Phis.ToList())
                {
                    var distinct = phi.Operands.Where(operand => operand != phi).Distinct().ToList();
                    if (distinct.Count > 1 && distinct.All(operand => operand is IrConstant constant && distinct[0] is IrConstant first && constant.Value == first.Value))
                        distinct = [distinct[0]];
                    if (distinct.Count != 1)
                        continue;
                    replacements[phi] = distinct[0];
                    block.Instructions.Remove(phi);
                }
            if (replacements.Count == 0)
                return changed;
            IrEdits.ReplaceUses(function, replacements);
            changed = true;
        }
    }
}
