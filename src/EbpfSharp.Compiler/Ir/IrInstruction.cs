using EbpfSharp.Compiler.Diagnostics;

namespace EbpfSharp.Compiler.Ir;

/// <summary>
/// One IR instruction. Value-producing instructions are themselves the value (SSA until phi elimination,
/// then virtual registers that may have several definitions). Terminators end a block and name its targets.
/// </summary>
internal sealed class IrInstruction : IrValue
{
    public IrInstruction(IrOpcode opcode, bool wide, params IrValue[] operands)
    {
        Opcode = opcode;
        Wide = wide;
        Operands = [.. operands];
    }

    public IrOpcode Opcode { get; set; }

    public List<IrValue> Operands { get; }

    /// <summary>The block this instruction is in.</summary>
    public IrBlock Block { get; set; } = null!;

    /// <summary>Memory offset, parameter index or helper id, by opcode.</summary>
    public long Immediate { get; set; }

    /// <summary>Access size in bytes for loads, stores and extensions; operand width (4 or 8) for compares.</summary>
    public int Size { get; set; }

    public IrCondition Condition { get; set; }

    public FrameObject? Frame { get; set; }

    /// <summary>
    /// After phi elimination: the register this instruction writes when it is not its own (the copies
    /// into a phi's incoming temporary, and definitions rewritten by spilling).
    /// </summary>
    public IrInstruction? Destination { get; set; }

    /// <summary>The register this instruction defines, if any.</summary>
    public IrInstruction? Defines => Destination ?? (HasResult ? this : null);

    public string? Symbol { get; set; }

    /// <summary>
    /// For a load of a pointer field of the context: which one. The verifier turns these 4-byte loads into
    /// 64-bit pointers, so their value is not the zero-extended u32 the load's width suggests.
    /// </summary>
    public ContextPointer ContextPointer { get; set; }

    /// <summary>A CO-RE relocation on a <see cref="IrOpcode.Materialize"/> (its constant is the local value).</summary>
    public CoreRelocation? CoreRelocation { get; set; }

    /// <summary>Successors of a terminator.</summary>
    public List<IrBlock> Targets { get; } = [];

    /// <summary>The C# statement this came from.</summary>
    public SourceLocation? Location { get; set; }

    /// <summary>A number for printing and for register allocation's maps.</summary>
    public int Id { get; set; }

    public bool IsTerminator => Opcode >= IrOpcode.Jump;

    /// <summary>Gives a copy of this instruction (same opcode, new operands) everything else this one carries.</summary>
    public void CopyAttributesTo(IrInstruction copy)
    {
        copy.Immediate = Immediate;
        copy.Size = Size;
        copy.Condition = Condition;
        copy.Frame = Frame;
        copy.Symbol = Symbol;
        copy.CoreRelocation = CoreRelocation;
        copy.ContextPointer = ContextPointer;
        copy.Location = Location;
        copy.ProducesValue = ProducesValue;
    }

    public IrInstruction WithSize(int size)
    {
        Size = size;
        return this;
    }

    public bool HasResult => Opcode switch
    {
        IrOpcode.Store or IrOpcode.StoreFrame or >= IrOpcode.Jump => false,
        IrOpcode.CallHelper or IrOpcode.CallFunction or IrOpcode.Atomic => ProducesValue,
        _ => true,
    };

    /// <summary>For calls and atomics: whether the result is used (void helpers and discarded results need no register).</summary>
    public bool ProducesValue { get; set; } = true;

    /// <summary>Whether removing the instruction when its value is unused would change behaviour.</summary>
    public bool HasSideEffects => Opcode is IrOpcode.Store or IrOpcode.StoreFrame or IrOpcode.CallHelper or IrOpcode.CallFunction or IrOpcode.Atomic
        || IsTerminator;

    public bool IsCall => Opcode is IrOpcode.CallHelper or IrOpcode.CallFunction;

    public override string ToString()
    {
        string result = HasResult ? $"v{Id}{(Wide ? "" : ".32")} = " : "";
        string operands = string.Join(", ", Operands.Select(operand => operand is IrInstruction instruction ? $"v{instruction.Id}" : operand.ToString()));
        string extra = Opcode switch
        {
            IrOpcode.Load or IrOpcode.Store or IrOpcode.ZeroExtend or IrOpcode.SignExtend or IrOpcode.ByteSwap => $" size={Size} off={Immediate}",
            IrOpcode.LoadFrame or IrOpcode.StoreFrame or IrOpcode.FrameAddress => $" frame={Frame?.Name} off={Immediate} size={Size}",
            IrOpcode.Compare or IrOpcode.CompareBranch => $" {Condition}",
            IrOpcode.CallHelper or IrOpcode.Parameter => $" #{Immediate}",
            IrOpcode.Atomic => $" op=0x{Immediate:x2} size={Size}",
            IrOpcode.CallFunction or IrOpcode.SymbolAddress => $" {Symbol}",
            IrOpcode.Materialize when CoreRelocation is not null => $" {CoreRelocation}",
            _ => "",
        };
        string targets = Targets.Count > 0 ? " -> " + string.Join(", ", Targets.Select(target => $"B{target.Id}")) : "";
        return $"{result}{Opcode} {operands}{extra}{targets}";
    }
}
