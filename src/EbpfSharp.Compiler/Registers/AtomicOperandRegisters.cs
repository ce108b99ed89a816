using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// Gives a plain (non-fetching) atomic's constant operand a register of its own, as clang does
/// (<c>r1 = 1; lock *(u64 *)(r0 + 0) += r1</c>), so the emitter need not load it into R0 and the address, often a
/// lookup's result, can stay in R0.
/// </summary>
internal static class AtomicOperandRegisters
{
    public static void Run(IrFunction function)
    {
        foreach (var block in function.Blocks)
            for (int i = 0; i < block.Instructions.Count; i++)
            {
                var atomic = block.Instructions[i];
                if (!IsPlain(atomic) || atomic.Operands[1] is not IrConstant constant)
                    continue;
                var materialize = function.New(IrOpcode.Materialize, constant.Wide || atomic.Size == 8, constant);
                materialize.Location = atomic.Location;
                materialize.Block = block;
                block.Instructions.Insert(i++, materialize);
                atomic.Operands[1] = materialize;
            }
    }

    /// <summary>An atomic that only updates memory: its operand register is read, not written, and R0 is untouched.</summary>
    public static bool IsPlain(IrInstruction instruction) =>
        instruction.Opcode == IrOpcode.Atomic && !instruction.ProducesValue
        && (AtomicOperation)instruction.Immediate is not (AtomicOperation.Exchange or AtomicOperation.CompareExchange);
}
