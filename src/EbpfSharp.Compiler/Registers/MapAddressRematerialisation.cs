using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// Loads a map's address (<c>ld_imm64</c>) again right before each call that takes it, as clang does, instead of
/// keeping one load in a callee-saved register across branches and calls and copying it into R1 at every call:
/// the load then goes straight into the argument register and frees R6–R9 for values that need them.
/// </summary>
internal static class MapAddressRematerialisation
{
    public static void Run(IrFunction function)
    {
        bool cloned = false;
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var call = block.Instructions[i];
                if (!call.IsCall)
                    continue;
                for (int operand = 0; operand < call.Operands.Count; operand++)
                {
                    if (call.Operands[operand] is not IrInstruction { Opcode: IrOpcode.SymbolAddress, Destination: null } address
                        || (i > 0 && block.Instructions[i - 1] == address))
                        continue;
                    var load = function.New(IrOpcode.SymbolAddress, address.Wide);
                    load.Symbol = address.Symbol;
                    load.Location = call.Location;
                    load.Block = block;
                    block.Instructions.Insert(i++, load);
                    call.Operands[operand] = load;
                    cloned = true;
                }
            }
        if (!cloned)
            return;
        var uses = IrEdits.CountUses(function);
        foreach (var block in function.Blocks)
            block.Instructions.RemoveAll(instruction => instruction is { Opcode: IrOpcode.SymbolAddress, Destination: null } && !uses.ContainsKey(instruction));
    }
}
