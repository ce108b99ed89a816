using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Registers;

/// <summary>
/// From exact per-instruction liveness (the allocator's intervals ignore holes): which registers live across a
/// call, so need R6–R9, and which may not be kept in R0 because R0 is written while they live or while an
/// instruction reading them is expanded. Calls write R0; so do fetching atomics and atomics given a constant (R0
/// carries the operand), and entry parameters, whose parallel move may park a value in R0. A non-commutative
/// operation whose result shares its right operand's register is computed in R0 too: for a value's own definition
/// the allocator makes sure R0 is free there; one writing another register (a phi's temporary) counts here.
/// </summary>
internal sealed class CallConstraints
{
    public HashSet<IrInstruction> AcrossCall { get; } = [];

    public HashSet<IrInstruction> NotInR0 { get; } = [];

    public static CallConstraints Compute(IrFunction function, Liveness liveness)
    {
        var constraints = new CallConstraints();
        foreach (var block in function.Blocks)
        {
            var live = new HashSet<IrInstruction>(liveness.LiveOut[block]);
            for (int i = block.Instructions.Count - 1; i >= 0; i--)
            {
                var instruction = block.Instructions[i];
                var defined = instruction.Defines;
                if (defined is not null)
                    live.Remove(defined);
                if (instruction.IsCall)
                {
                    constraints.AcrossCall.UnionWith(live);
                    constraints.NotInR0.UnionWith(live);
                }
                else if (WritesR0(instruction))
                {
                    constraints.NotInR0.UnionWith(live);
                    constraints.NotInR0.UnionWith(Liveness.Uses(instruction));
                    if (instruction.Opcode == IrOpcode.Parameter && defined is not null)
                        constraints.NotInR0.Add(defined);
                }
                foreach (var operand in Liveness.Uses(instruction))
                    live.Add(operand);
            }
        }
        return constraints;
    }

    /// <summary>Instructions other than calls whose emitted code may write R0 before their result is in place.</summary>
    private static bool WritesR0(IrInstruction instruction) => instruction.Opcode switch
    {
        IrOpcode.Atomic => !(AtomicOperandRegisters.IsPlain(instruction) && instruction.Operands[1] is IrInstruction),
        IrOpcode.Parameter => true,
        IrOpcode.Sub or IrOpcode.DivUnsigned or IrOpcode.RemUnsigned or IrOpcode.DivSigned or IrOpcode.RemSigned
            or IrOpcode.ShiftLeft or IrOpcode.ShiftRightUnsigned or IrOpcode.ShiftRightSigned => instruction.Destination is not null && instruction.Operands[1] is IrInstruction,
        _ => false,
    };
}
