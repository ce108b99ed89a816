namespace EbpfSharp.Object.Instructions;

/// <summary>One conditional jump of one width, ready to take its operands and target: <c>Jmp.Eq.Imm(R1, 0, "out")</c>.</summary>
public readonly struct JumpCondition
{
    private readonly InstructionClass _class;
    private readonly JumpOperation _operation;

    internal JumpCondition(InstructionClass @class, JumpOperation operation)
    {
        _class = @class;
        _operation = operation;
    }

    /// <summary><c>if dst op imm goto label</c></summary>
    public Instruction Imm(Register destination, int immediate, string label) =>
        Imm(destination, immediate, 0) with { Reference = label };

    /// <summary><c>if dst op imm goto +offset</c> (offset in slots, from the next instruction)</summary>
    public Instruction Imm(Register destination, int immediate, short offset) =>
        new(OpCode.Jump(_class, _operation, OperandSource.Immediate), destination, 0, offset, immediate);

    /// <summary><c>if dst op src goto label</c></summary>
    public Instruction Reg(Register destination, Register source, string label) =>
        Reg(destination, source, 0) with { Reference = label };

    /// <summary><c>if dst op src goto +offset</c> (offset in slots, from the next instruction)</summary>
    public Instruction Reg(Register destination, Register source, short offset) =>
        new(OpCode.Jump(_class, _operation, OperandSource.Register), destination, source, offset, 0);
}
