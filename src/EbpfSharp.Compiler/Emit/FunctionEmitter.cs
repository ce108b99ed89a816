using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Emit;

/// <summary>
/// Instruction selection: turns lowered, register-allocated IR into eBPF instructions. Two-address forms
/// take a move first when the result's register differs from the first operand's; R0 is the scratch.
/// Blocks are laid out in order, so jumps to the next block fall through.
/// </summary>
internal sealed partial class FunctionEmitter
{
    private readonly IrFunction _function;
    private readonly Dictionary<IrInstruction, Register> _registers;
    private readonly IsaVersion _isa;
    private readonly List<Instruction> _code = [];
    private readonly List<(int, SourceLocation)> _lines = [];
    private readonly List<string> _pendingLabels = [];
    private readonly Dictionary<string, string> _labelAliases = [];
    private readonly HashSet<string> _callees = [];
    private readonly List<(int, CoreRelocation)> _coreRelocations = [];
    private SourceLocation? _location;
    private int _internalLabels;

    private FunctionEmitter(IrFunction function, Dictionary<IrInstruction, Register> registers, IsaVersion isa)
    {
        _function = function;
        _registers = registers;
        _isa = isa;
    }

    public static EmittedFunction Emit(IrFunction function, Dictionary<IrInstruction, Register> registers, IsaVersion isa, string symbol)
    {
        int stack = FrameLayout.Assign(function);
        var emitter = new FunctionEmitter(function, registers, isa);
        var blocks = function.Blocks;
        for (int i = 0; i < blocks.Count; i++)
        {
            emitter._pendingLabels.Add(Label(blocks[i]));
            var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
            foreach (var instruction in blocks[i].Instructions)
                emitter.Select(instruction, next);
        }
        var code = emitter._code.Select(instruction =>
            instruction.IsBranch && instruction.Reference is { } target && emitter._labelAliases.ContainsKey(target)
                ? instruction with { Reference = emitter.Canonical(target) }
                : instruction).ToList();
        return new EmittedFunction(symbol, code, emitter._lines, stack, [.. emitter._callees]) { CoreRelocations = emitter._coreRelocations };
    }

    private static string Label(IrBlock block) => $"B{block.Id}";

    /// <summary>
    /// Whether a jump to <paramref name="target"/> would be all its block emits (a phi's edge block whose copy the
    /// allocator coalesced away) and nothing falls through into it: the block's labels then name the target instead.
    /// </summary>
    private bool JumpsFromNothing(IrBlock target)
    {
        if (_pendingLabels.Count == 0 || _code.Count == 0 || !(_code[^1].IsExit || _code[^1].OpCode == Jmp.Ja(0).OpCode)
            || _pendingLabels.Contains(Label(target)))
            return false;
        foreach (var label in _pendingLabels)
            _labelAliases[label] = Label(target);
        _pendingLabels.Clear();
        return true;
    }

    /// <summary>The <c>r0 = constant</c> a return of a constant (or of nothing) emits, when it is one instruction.</summary>
    private static Instruction? ConstantResult(IrInstruction ret) => ret.Operands.Count == 0
        ? Alu64.Mov.Imm(Register.R0, 0)
        : ret.Operands[0] is IrConstant { Wide: false } constant ? Alu32.Mov.Imm(Register.R0, unchecked((int)constant.Value))
        : ret.Operands[0] is IrConstant { Value: >= int.MinValue and <= int.MaxValue } wide ? Alu64.Mov.Imm(Register.R0, (int)wide.Value)
        : null;

    /// <summary>
    /// Whether a block that only returns, and that nothing falls through into, can name the same
    /// <c>r0 = constant; exit</c> emitted earlier instead of emitting it again (as clang shares one return).
    /// </summary>
    private bool ReturnsLikeEarlier(IrBlock block, Instruction load)
    {
        if (!_pendingLabels.Contains(Label(block)) || _code.Count == 0 || !(_code[^1].IsExit || _code[^1].OpCode == Jmp.Ja(0).OpCode))
            return false;
        int index = Enumerable.Range(0, _code.Count - 1).FirstOrDefault(i => _code[i] with { Label = null } == load && _code[i + 1].IsExit, -1);
        if (index < 0)
            return false;
        string label = _code[index].Label ?? $"R{index}";
        _code[index] = _code[index].WithLabel(label);
        foreach (var pending in _pendingLabels)
            _labelAliases[pending] = label;
        _pendingLabels.Clear();
        return true;
    }

    /// <summary>The label an alias finally names (an empty block's label may name another empty block's).</summary>
    private string Canonical(string label)
    {
        for (int steps = 0; steps <= _labelAliases.Count && _labelAliases.TryGetValue(label, out var next); steps++)
            label = next;
        return label;
    }

    private Register Reg(IrValue value) => value is IrInstruction instruction && _registers.TryGetValue(instruction, out var register)
        ? register
        : throw new InvalidOperationException($"No register for {value}.");

    private Register Destination(IrInstruction instruction) => _registers[instruction.Defines!];

    private void Add(Instruction instruction)
    {
        if (_pendingLabels.Count > 0)
        {
            instruction = instruction.WithLabel(_pendingLabels[0]);
            foreach (var alias in _pendingLabels.Skip(1))
                _labelAliases[alias] = _pendingLabels[0];
            _pendingLabels.Clear();
        }
        if (_location is not null && (_lines.Count == 0 || _lines[^1].Item2 != _location))
            _lines.Add((_code.Count, _location));
        _code.Add(instruction);
    }

    private void Move(Register destination, Register source)
    {
        if (destination != source)
            Add(Alu64.Mov.Reg(destination, source));
    }

    private void LoadConstant(Register destination, long value, bool wide)
    {
        if (!wide)
            Add(Alu32.Mov.Imm(destination, unchecked((int)value)));
        else if (value is >= int.MinValue and <= int.MaxValue)
            Add(Alu64.Mov.Imm(destination, (int)value));
        else
            Add(Ld.Imm64(destination, value));
    }

    /// <summary>
    /// A CO-RE value as clang emits it: <c>rX = imm</c> (ALU64) for field offsets, existence and sizes, ld_imm64 for
    /// enumerator relocations; either way one instruction holding the local value, which the loader patches.
    /// </summary>
    private void RelocatedConstant(IrInstruction instruction, CoreRelocation relocation)
    {
        long value = ((IrConstant)instruction.Operands[0]).Value;
        _coreRelocations.Add((_code.Count, relocation));
        if (relocation.Kind is Object.Btf.BtfCoreRelocationKind.EnumValueExists or Object.Btf.BtfCoreRelocationKind.EnumValue || value is < int.MinValue or > int.MaxValue)
            Add(Ld.Imm64(Destination(instruction), value));
        else
            Add(Alu64.Mov.Imm(Destination(instruction), (int)value));
    }

    private void Select(IrInstruction instruction, IrBlock? next)
    {
        _location = instruction.Location ?? _location;
        switch (instruction.Opcode)
        {
            case IrOpcode.Parameter:
                if (instruction == _function.Entry.Instructions.First(candidate => candidate.Opcode == IrOpcode.Parameter))
                    foreach (var move in ParallelMove.Sequence(_function.Entry.Instructions
                        .Where(candidate => candidate.Opcode == IrOpcode.Parameter && candidate.Defines is not null && _registers.ContainsKey(candidate.Defines))
                        .Select(parameter => (Destination(parameter), (Register)(parameter.Immediate + 1)))))
                        Add(move);
                break;
            case IrOpcode.Copy:
                Move(Destination(instruction), Reg(instruction.Operands[0]));
                break;
            case IrOpcode.Materialize when instruction.CoreRelocation is { } relocation:
                RelocatedConstant(instruction, relocation);
                break;
            case IrOpcode.Materialize:
                LoadConstant(Destination(instruction), ((IrConstant)instruction.Operands[0]).Value, instruction.Wide);
                break;
            case >= IrOpcode.Add and <= IrOpcode.ShiftRightSigned:
                Arithmetic(instruction);
                break;
            case IrOpcode.Negate:
                Move(Destination(instruction), Reg(instruction.Operands[0]));
                Add(instruction.Wide ? Alu64.Neg(Destination(instruction)) : Alu32.Neg(Destination(instruction)));
                break;
            case IrOpcode.Not:
                Move(Destination(instruction), Reg(instruction.Operands[0]));
                Add((instruction.Wide ? Alu64.Xor : Alu32.Xor).Imm(Destination(instruction), -1));
                break;
            case IrOpcode.SignExtend:
                SignExtend(instruction);
                break;
            case IrOpcode.ZeroExtend:
                ZeroExtend(instruction);
                break;
            case IrOpcode.ByteSwap:
                Move(Destination(instruction), Reg(instruction.Operands[0]));
                Add(_isa >= IsaVersion.V4 ? Alu64.ByteSwap(Destination(instruction), instruction.Size * 8) : Alu32.ToBigEndian(Destination(instruction), instruction.Size * 8));
                break;
            case IrOpcode.Compare:
                CompareValue(instruction);
                break;
            case IrOpcode.Load:
                Add(Mem.Load(Size(instruction.Size), Destination(instruction), Reg(instruction.Operands[0]), Offset(instruction.Immediate)));
                break;
            case IrOpcode.Store:
                Store(Reg(instruction.Operands[0]), Offset(instruction.Immediate), instruction.Size, instruction.Operands[1]);
                break;
            case IrOpcode.LoadFrame:
                Add(Mem.Load(Size(instruction.Size), Destination(instruction), Register.R10, Offset(instruction.Frame!.Offset + instruction.Immediate)));
                break;
            case IrOpcode.StoreFrame:
                Store(Register.R10, Offset(instruction.Frame!.Offset + instruction.Immediate), instruction.Size, instruction.Operands[0]);
                break;
            case IrOpcode.FrameAddress:
                Move(Destination(instruction), Register.R10);
                Add(Alu64.Add.Imm(Destination(instruction), instruction.Frame!.Offset));
                break;
            case IrOpcode.SymbolAddress:
                Add(Ld.Symbol(Destination(instruction), instruction.Symbol!));
                break;
            case IrOpcode.CallHelper or IrOpcode.CallFunction:
                Call(instruction);
                break;
            case IrOpcode.Atomic:
                AtomicUpdate(instruction);
                break;
            case IrOpcode.Jump:
                if (instruction.Targets[0] != next && !JumpsFromNothing(instruction.Targets[0]))
                    Add(Jmp.Ja(Label(instruction.Targets[0])));
                break;
            case IrOpcode.CompareBranch:
                CompareBranch(instruction, next);
                break;
            case IrOpcode.Switch:
                Switch(instruction, next);
                break;
            case IrOpcode.Return when ConstantResult(instruction) is { } load && ReturnsLikeEarlier(instruction.Block, load):
                break;
            case IrOpcode.Return:
                if (instruction.Operands.Count == 0)
                    Add(Alu64.Mov.Imm(Register.R0, 0));
                else if (instruction.Operands[0] is IrConstant constant)
                    LoadConstant(Register.R0, constant.Value, constant.Wide);
                else
                    Move(Register.R0, Reg(instruction.Operands[0]));
                Add(Jmp.Exit());
                break;
            default:
                throw new InvalidOperationException($"No instruction selection for {instruction}.");
        }
    }

    private static short Offset(long offset) => offset is >= short.MinValue and <= short.MaxValue
        ? (short)offset
        : throw new CompileErrorException(CompilerDiagnosticIds.UnsupportedInstruction, $"A memory offset of {offset} bytes does not fit eBPF's 16-bit displacement.");

    private static AccessSize Size(int bytes) => bytes switch
    {
        1 => AccessSize.Byte,
        2 => AccessSize.Half,
        4 => AccessSize.Word,
        _ => AccessSize.DoubleWord,
    };

    private void Store(Register address, short offset, int size, IrValue value)
    {
        if (value is IrConstant constant)
            Add(Mem.StoreImm(Size(size), address, offset, unchecked((int)constant.Value)));
        else
            Add(Mem.Store(Size(size), address, offset, Reg(value)));
    }

    private void Arithmetic(IrInstruction instruction)
    {
        bool wide = instruction.Wide;
        var operation = (instruction.Opcode, wide) switch
        {
            (IrOpcode.Add, true) => Alu64.Add, (IrOpcode.Add, false) => Alu32.Add,
            (IrOpcode.Sub, true) => Alu64.Sub, (IrOpcode.Sub, false) => Alu32.Sub,
            (IrOpcode.Mul, true) => Alu64.Mul, (IrOpcode.Mul, false) => Alu32.Mul,
            (IrOpcode.DivUnsigned, true) => Alu64.Div, (IrOpcode.DivUnsigned, false) => Alu32.Div,
            (IrOpcode.RemUnsigned, true) => Alu64.Mod, (IrOpcode.RemUnsigned, false) => Alu32.Mod,
            (IrOpcode.DivSigned, true) => Alu64.SDiv, (IrOpcode.DivSigned, false) => Alu32.SDiv,
            (IrOpcode.RemSigned, true) => Alu64.SMod, (IrOpcode.RemSigned, false) => Alu32.SMod,
            (IrOpcode.And, true) => Alu64.And, (IrOpcode.And, false) => Alu32.And,
            (IrOpcode.Or, true) => Alu64.Or, (IrOpcode.Or, false) => Alu32.Or,
            (IrOpcode.Xor, true) => Alu64.Xor, (IrOpcode.Xor, false) => Alu32.Xor,
            (IrOpcode.ShiftLeft, true) => Alu64.Lsh, (IrOpcode.ShiftLeft, false) => Alu32.Lsh,
            (IrOpcode.ShiftRightUnsigned, true) => Alu64.Rsh, (IrOpcode.ShiftRightUnsigned, false) => Alu32.Rsh,
            (IrOpcode.ShiftRightSigned, true) => Alu64.Arsh, (_, _) => Alu32.Arsh,
        };
        var destination = Destination(instruction);
        var left = Reg(instruction.Operands[0]);
        var right = instruction.Operands[1];
        if (right is IrConstant constant)
        {
            long value = constant.Value;
            if (instruction.Opcode is IrOpcode.ShiftLeft or IrOpcode.ShiftRightSigned or IrOpcode.ShiftRightUnsigned)
                value &= wide ? 63 : 31;
            Move(destination, left);
            Add(operation.Imm(destination, unchecked((int)value)));
            return;
        }
        var rightRegister = Reg(right);
        bool commutative = instruction.Opcode is IrOpcode.Add or IrOpcode.Mul or IrOpcode.And or IrOpcode.Or or IrOpcode.Xor;
        if (destination == left)
        {
            Add(operation.Reg(destination, rightRegister));
        }
        else if (destination == rightRegister)
        {
            if (commutative)
            {
                Add(operation.Reg(destination, left));
            }
            else
            {
                Move(Register.R0, left);
                Add(operation.Reg(Register.R0, rightRegister));
                Move(destination, Register.R0);
            }
        }
        else
        {
            Move(destination, left);
            Add(operation.Reg(destination, rightRegister));
        }
    }

    private void SignExtend(IrInstruction instruction)
    {
        var destination = Destination(instruction);
        var source = Reg(instruction.Operands[0]);
        int bits = instruction.Size * 8;
        if (_isa >= IsaVersion.V4)
        {
            Add(instruction.Wide ? Alu64.MovSignExtend(destination, source, bits) : Alu32.MovSignExtend(destination, source, bits));
            return;
        }
        int shift = (instruction.Wide ? 64 : 32) - bits;
        Move(destination, source);
        Add((instruction.Wide ? Alu64.Lsh : Alu32.Lsh).Imm(destination, shift));
        Add((instruction.Wide ? Alu64.Arsh : Alu32.Arsh).Imm(destination, shift));
    }

    private void ZeroExtend(IrInstruction instruction)
    {
        var destination = Destination(instruction);
        var source = Reg(instruction.Operands[0]);
        if (instruction.Size == 4)
        {
            Add(Alu32.Mov.Reg(destination, source));
            return;
        }
        Move(destination, source);
        Add(Alu32.And.Imm(destination, instruction.Size == 1 ? 0xFF : 0xFFFF));
    }

    private void Call(IrInstruction instruction)
    {
        var arguments = instruction.Operands;
        var moves = new List<(Register, Register)>();
        for (int i = 0; i < arguments.Count; i++)
            if (arguments[i] is IrInstruction)
                moves.Add(((Register)(i + 1), Reg(arguments[i])));
        foreach (var move in ParallelMove.Sequence(moves))
            Add(move);
        for (int i = 0; i < arguments.Count; i++)
            if (arguments[i] is IrConstant constant)
                LoadConstant((Register)(i + 1), constant.Value, constant.Wide);
        if (instruction.Opcode == IrOpcode.CallHelper)
        {
            Add(Jmp.Call((int)instruction.Immediate));
        }
        else
        {
            Add(Jmp.CallSubprogram(instruction.Symbol!));
            _callees.Add(instruction.Symbol!);
        }
        if (instruction.ProducesValue && instruction.Defines is { } result && _registers.ContainsKey(result))
            Move(_registers[result], Register.R0);
    }

    /// <summary>
    /// Atomics take their operand in a register and fetch into it: R0 serves for both, so the value's own register
    /// survives; a plain update reads its operand's register directly. Only plain add exists before ISA v3
    /// (BPF_XADD); fetch forms, exchange, and/or/xor came with v3.
    /// </summary>
    private void AtomicUpdate(IrInstruction instruction)
    {
        var operation = (AtomicOperation)instruction.Immediate;
        var size = Size(instruction.Size);
        var address = Reg(instruction.Operands[0]);
        bool fetch = operation is AtomicOperation.Exchange or AtomicOperation.CompareExchange || instruction.ProducesValue;
        if (_isa < IsaVersion.V3 && (fetch || operation != AtomicOperation.Add))
            throw new CompileErrorException(CompilerDiagnosticIds.AtomicNeedsIsaV3,
                "This Interlocked operation needs ISA v3 (Linux 5.12+): before it, eBPF has only an atomic add whose result is not used. Build with EbpfSharpIsa v3, or use Interlocked.Add/Increment without its result.",
                instruction.Location);
        if (operation == AtomicOperation.CompareExchange)
        {
            LoadOperand(Register.R0, instruction.Operands[2]);
            Add(Atomic.CompareExchange(size, address, 0, Reg(instruction.Operands[1])));
        }
        else if (Registers.AtomicOperandRegisters.IsPlain(instruction) && instruction.Operands[1] is IrInstruction operand)
        {
            Add(Atomic.Apply(operation, size, address, 0, Reg(operand)));
        }
        else
        {
            LoadOperand(Register.R0, instruction.Operands[1]);
            Add(Atomic.Apply(fetch ? operation | AtomicOperation.Fetch : operation, size, address, 0, Register.R0));
        }
        if (instruction.ProducesValue && instruction.Defines is { } result && _registers.ContainsKey(result))
            Move(_registers[result], Register.R0);
    }

    private void LoadOperand(Register destination, IrValue value)
    {
        if (value is IrConstant constant)
            LoadConstant(destination, constant.Value, constant.Wide);
        else
            Move(destination, Reg(value));
    }
}
