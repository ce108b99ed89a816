namespace EbpfSharp.Object.Instructions;

/// <summary>One arithmetic operation of one width, ready to take its operands: <c>Alu64.Add.Imm(R1, 22)</c>.</summary>
public readonly struct ArithmeticOperation
{
    private readonly InstructionClass _class;
    private readonly AluOperation _operation;
    private readonly short _modifier;

    internal ArithmeticOperation(InstructionClass @class, AluOperation operation, short modifier = 0)
    {
        _class = @class;
        _operation = operation;
        _modifier = modifier;
    }

    /// <summary><c>dst op= imm</c></summary>
    public Instruction Imm(Register destination, int immediate) =>
        new(OpCode.Arithmetic(_class, _operation, OperandSource.Immediate), destination, 0, _modifier, immediate);

    /// <summary><c>dst op= src</c></summary>
    public Instruction Reg(Register destination, Register source) =>
        new(OpCode.Arithmetic(_class, _operation, OperandSource.Register), destination, source, _modifier, 0);
}
