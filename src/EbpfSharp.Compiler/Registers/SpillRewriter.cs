using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Registers;

/// <summary>Gives each spilled register a stack slot: a store after every definition, a reload before every use.</summary>
internal static class SpillRewriter
{
    public static void Rewrite(IrFunction function, List<IrInstruction> spilled, HashSet<IrInstruction> unspillable)
    {
        foreach (var register in spilled)
        {
            var slot = function.NewFrame($"spill#{register.Id}", 8);
            foreach (var block in function.Blocks)
                for (int i = 0; i < block.Instructions.Count; i++)
                {
                    var instruction = block.Instructions[i];
                    if (instruction.Operands.Contains(register))
                    {
                        var reload = function.New(IrOpcode.LoadFrame, register.Wide);
                        reload.Frame = slot;
                        reload.Size = 8;
                        reload.Location = instruction.Location;
                        reload.Block = block;
                        for (int operand = 0; operand < instruction.Operands.Count; operand++)
                            if (instruction.Operands[operand] == register)
                                instruction.Operands[operand] = reload;
                        block.Instructions.Insert(i++, reload);
                        unspillable.Add(reload);
                    }
                    if (instruction.Defines == register)
                    {
                        var temporary = function.New(IrOpcode.Copy, register.Wide);
                        temporary.Block = block;
                        instruction.Destination = temporary;
                        var store = function.New(IrOpcode.StoreFrame, false, temporary);
                        store.Frame = slot;
                        store.Size = 8;
                        store.Location = instruction.Location;
                        store.Block = block;
                        block.Instructions.Insert(++i, store);
                        unspillable.Add(temporary);
                    }
                }
        }
    }
}
