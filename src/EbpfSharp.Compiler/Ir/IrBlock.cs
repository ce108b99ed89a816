namespace EbpfSharp.Compiler.Ir;

/// <summary>A basic block: phis first, then straight-line instructions, then one terminator.</summary>
internal sealed class IrBlock(int id)
{
    public int Id { get; set; } = id;

    public List<IrInstruction> Instructions { get; } = [];

    /// <summary>Predecessors, in the order phi operands follow.</summary>
    public List<IrBlock> Predecessors { get; } = [];

    public IrInstruction? Terminator => Instructions.Count > 0 && Instructions[^1].IsTerminator ? Instructions[^1] : null;

    public IEnumerable<IrBlock> Successors => Terminator?.Targets ?? (IEnumerable<IrBlock>)[];

    public IEnumerable<IrInstruction> Phis => Instructions.TakeWhile(instruction => instruction.Opcode == IrOpcode.Phi);

    public IrInstruction Append(IrInstruction instruction)
    {
        instruction.Block = this;
        Instructions.Add(instruction);
        return instruction;
    }

    /// <summary>Inserts before the terminator (or at the end when there is none yet).</summary>
    public void InsertBeforeTerminator(IrInstruction instruction)
    {
        instruction.Block = this;
        Instructions.Insert(Terminator is null ? Instructions.Count : Instructions.Count - 1, instruction);
    }

    public override string ToString() => $"B{Id}";
}
