using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// Gives each spilled register a stack slot: a store after every definition, a reload before every use, except
/// a use right after the store, which reads the stored register. A register whose one definition is a small
/// constant or a frame address gets no slot: the definition is repeated before each use instead.
/// </summary>
internal static class SpillRewriter
{
    public static void Rewrite(IrFunction function, List<IrInstruction> spilled, HashSet<IrInstruction> unspillable)
    {
        foreach (var register in spilled)
        {
            var definitions = function.AllInstructions.Where(instruction => instruction.Defines == register).ToList();
            if (definitions is [var definition] && Rematerialisable(definition))
            {
                Rematerialise(function, register, definition, unspillable);
                continue;
            }
            var slot = function.NewFrame($"spill#{register.Id}", 8);
            foreach (var block in function.Blocks)
                for (int i = 0; i < block.Instructions.Count; i++)
                {
                    var instruction = block.Instructions[i];
                    if (instruction.Operands.Contains(register))
                    {
                        IrInstruction reload;
                        if (i > 0 && block.Instructions[i - 1] is { Opcode: IrOpcode.StoreFrame } store && store.Frame == slot
                            && store.Operands[0] is IrInstruction stored)
                        {
                            reload = stored;   // just stored from this register: no need to read it back
                        }
                        else
                        {
                            reload = function.New(IrOpcode.LoadFrame, register.Wide);
                            reload.Frame = slot;
                            reload.Size = 8;
                            reload.Location = instruction.Location;
                            reload.Block = block;
                            block.Instructions.Insert(i++, reload);
                            unspillable.Add(reload);
                        }
                        for (int operand = 0; operand < instruction.Operands.Count; operand++)
                            if (instruction.Operands[operand] == register)
                                instruction.Operands[operand] = reload;
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

    private static bool Rematerialisable(IrInstruction definition) => definition.Opcode switch
    {
        // One instruction (ld_imm64 is two, so a wide constant and a symbol address stay spilled).
        IrOpcode.Materialize => definition.CoreRelocation is null && ((IrConstant)definition.Operands[0]).Value is >= int.MinValue and <= int.MaxValue,
        IrOpcode.FrameAddress => true,
        _ => false,
    };

    private static void Rematerialise(IrFunction function, IrInstruction register, IrInstruction definition, HashSet<IrInstruction> unspillable)
    {
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var instruction = block.Instructions[i];
                if (!instruction.Operands.Contains(register))
                    continue;
                var copy = function.New(definition.Opcode, definition.Wide, [.. definition.Operands]);
                copy.Frame = definition.Frame;
                copy.Symbol = definition.Symbol;
                copy.Immediate = definition.Immediate;
                copy.Size = definition.Size;
                copy.Location = instruction.Location;
                copy.Block = block;
                block.Instructions.Insert(i++, copy);
                unspillable.Add(copy);
                for (int operand = 0; operand < instruction.Operands.Count; operand++)
                    if (instruction.Operands[operand] == register)
                        instruction.Operands[operand] = copy;
            }
        foreach (var block in function.Blocks)
            block.Instructions.Remove(definition);
    }
}
