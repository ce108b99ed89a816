using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler.Import;

/// <summary>
/// Imports one method instance (the function's own method, or a method inlined into it) from stack-based IL
/// into SSA IR. The IL evaluation stack becomes values; locals and arguments become SSA variables unless
/// their address escapes; calls become helper calls, intrinsics, inlined bodies or BPF-to-BPF calls.
/// </summary>
internal sealed partial class MethodImporter
{
    private readonly ImportContext _context;
    private readonly MethodDefinition _method;
    private readonly GenericContext _generics;
    private readonly LocalSlot[] _arguments;
    private readonly LocalSlot[] _locals;
    private readonly Dictionary<int, Variable> _stackVariables = [];
    private readonly List<StackEntry> _stack = [];
    private readonly IrBlock _entry;
    private readonly Instance _instance;
    private Dictionary<Instruction, IlBlock> _blockAt = [];
    private IrBlock _block;
    private SourceLocation? _location;
    private readonly SourceLocation? _callSite;

    /// <summary>How the method returns: to the caller of the function, or into the caller of an inlined body.</summary>
    private sealed class Instance
    {
        public required int Number { get; init; }
        public IrBlock? Continuation { get; init; }
        public Variable? ReturnVariable { get; init; }
        public FrameObject? ReturnStruct { get; init; }
    }

    private MethodImporter(ImportContext context, MethodDefinition method, GenericContext generics, IrBlock entry, Instance instance, SourceLocation? callSite)
    {
        _context = context;
        _method = method;
        _generics = generics;
        _entry = entry;
        _block = entry;
        _instance = instance;
        _callSite = callSite;
        string prefix = $"{method.Name}#{instance.Number}";
        _arguments = [.. ArgumentTypes(method).Select((type, index) => new LocalSlot($"{method.MetadataToken.ToUInt32():x8}:a{index}", $"{prefix}.arg{index}", _generics.Resolve(type)))];
        _locals = [.. method.Body.Variables.Select(local => new LocalSlot($"{method.MetadataToken.ToUInt32():x8}:l{local.Index}", $"{prefix}.loc{local.Index}", _generics.Resolve(local.VariableType)))];
    }

    private IrFunction Function => _context.Function;

    private SsaBuilder Ssa => _context.Ssa;

    private TypeLayouts Layouts => _context.Layouts;

    /// <summary>Imports a function's own method: arguments come from R1–R5, <c>ret</c> returns from the function.</summary>
    public static void ImportFunction(ImportContext context, MethodDefinition method)
    {
        var entry = context.Function.NewBlock();
        context.Ssa.Seal(entry);
        var importer = new MethodImporter(context, method, GenericContext.Empty, entry, new Instance { Number = context.InstanceCount++ }, callSite: null);
        var parameters = new List<StackEntry>();
        for (int i = 0; i < importer._arguments.Length && context.Program is not { BindsTypedParameters: true }; i++)
        {
            var type = TypeLayouts.Scalar(importer._arguments[i].Type) ?? ScalarType.Pointer;
            var parameter = context.Function.New(IrOpcode.Parameter, type.Wide);
            parameter.Immediate = i;
            entry.Append(parameter);
            parameters.Add(new ValueEntry(parameter, type.Wide ? StackKind.NativeInt : StackKind.Int32));
        }
        if (context.Program is { BindsTypedParameters: true } program)
            parameters = importer.ProgramParameters(program);   // MethodImporter.Tracing.cs
        context.InlineStack.Add(method);
        importer.Run(parameters);
        context.InlineStack.RemoveAt(context.InlineStack.Count - 1);
    }

    private static IEnumerable<TypeReference> ArgumentTypes(MethodDefinition method)
    {
        if (method.HasThis)
            yield return method.DeclaringType.IsValueType ? new ByReferenceType(method.DeclaringType) : method.DeclaringType;
        foreach (var parameter in method.Parameters)
            yield return parameter.ParameterType;
    }

    private void Run(IReadOnlyList<StackEntry> arguments)
    {
        var body = _method.Body;
        if (body.HasExceptionHandlers)
        {
            // Point at the first statement in the try block (Debug builds put a sequence point on its brace).
            var handler = body.ExceptionHandlers[0];
            var location = body.Instructions.Where(instruction => instruction.Offset >= handler.TryStart.Offset && instruction.Offset < handler.TryEnd.Offset)
                .Select(instruction => Locate(instruction.Offset))
                .FirstOrDefault(candidate => candidate is not null && _context.Module.Debug.LineText(candidate) != "{");
            throw Error(CompilerDiagnosticIds.ExceptionHandling, $"'{Describe(_method)}' uses try/catch/finally (or using/lock/foreach over a disposable), which eBPF cannot run. Remove the exception handling; return an error value instead.", location ?? Locate(handler.TryStart.Offset));
        }

        // Arguments and locals start here: zeroed (localsinit) or bound to what the caller passed.
        for (int i = 0; i < _arguments.Length; i++)
            Bind(_arguments[i], arguments[i]);
        foreach (var local in _locals)
            InitializeLocal(local);

        var blocks = IlControlFlow.Build(body);
        _blockAt = blocks.ToDictionary(block => block.First);
        foreach (var block in blocks.Where(block => block.Reachable))
            block.IrBlock = Function.NewBlock();
        var first = blocks[0];
        Terminate(Function.New(IrOpcode.Jump, false), first);

        foreach (var block in blocks.Where(block => block.Reachable))
            ImportBlock(block, blocks);
    }

    private void ImportBlock(IlBlock block, List<IlBlock> blocks)
    {
        _block = block.IrBlock;
        _stack.Clear();
        if (block.EntryStack is { } shape)
            for (int depth = 0; depth < shape.Count; depth++)
                _stack.Add(new ValueEntry(Ssa.Read(StackVariable(depth, shape[depth]), _block), shape[depth]));

        foreach (var instruction in block.Instructions)
        {
            _location = Locate(instruction.Offset) ?? _location;
            ImportInstruction(instruction);
        }

        var last = block.Instructions[^1];
        if (IlControlFlow.FallsThrough(last) && last.OpCode.FlowControl != FlowControl.Cond_Branch)
        {
            if (last.Next is null)
                throw Error(CompilerDiagnosticIds.UnsupportedInstruction, "The method's IL runs off its end.");
            Terminate(Function.New(IrOpcode.Jump, false), _blockAt[last.Next]);
        }
    }

    /// <summary>Ends the current IR block with <paramref name="terminator"/>, passing the evaluation stack to the targets.</summary>
    private void Terminate(IrInstruction terminator, params IlBlock[] targets)
    {
        FlushStack(targets);
        foreach (var target in targets)
            terminator.Targets.Add(target.IrBlock);
        Append(terminator);
        foreach (var target in targets)
        {
            target.IrBlock.Predecessors.Add(_block);
            target.ArrivedEdges++;
            if (target.ArrivedEdges == target.ExpectedEdges)
                Ssa.Seal(target.IrBlock);
        }
    }

    private void FlushStack(IlBlock[] targets)
    {
        var shape = new List<StackKind>();
        for (int depth = 0; depth < _stack.Count; depth++)
        {
            var entry = _stack[depth];
            if (entry is LocalAddressEntry address)
                throw new LocalEscapeException(address.Slot.Key);
            if (entry is not ValueEntry value)
                throw Error(CompilerDiagnosticIds.UnsupportedInstruction, "A struct value or string crosses a branch (as in a conditional expression); assign it to a local first.");
            shape.Add(value.ValueKind);
            Ssa.Write(StackVariable(depth, value.ValueKind), _block, value.Value);
        }
        foreach (var target in targets)
            target.EntryStack ??= shape;
    }

    private Variable StackVariable(int depth, StackKind kind)
    {
        int key = depth * 4 + (int)kind;
        if (!_stackVariables.TryGetValue(key, out var variable))
            _stackVariables[key] = variable = new Variable($"stack{depth}#{_instance.Number}", kind == StackKind.Int32 ? new ScalarType(4, true) : new ScalarType(8, true));
        return variable;
    }

    private IrInstruction Append(IrInstruction instruction)
    {
        instruction.Location ??= _location;
        return _block.Append(instruction);
    }

    private IrInstruction Emit(IrOpcode opcode, bool wide, params IrValue[] operands) =>
        Append(Function.New(opcode, wide, operands));

    private SourceLocation? Locate(int ilOffset) => _callSite ?? _context.Locate(_method, ilOffset);

    private CompileErrorException Error(string id, string message, SourceLocation? location = null) =>
        new(id, message, location ?? _location ?? _callSite ?? Locate(0));

    private static string Describe(MethodReference method) => $"{method.DeclaringType.Name}.{method.Name}";

    // ---- evaluation stack ----

    private void Push(StackEntry entry) => _stack.Add(entry);

    private void PushValue(IrValue value, StackKind kind) => _stack.Add(new ValueEntry(value, kind));

    private StackEntry Pop()
    {
        if (_stack.Count == 0)
            throw Error(CompilerDiagnosticIds.UnsupportedInstruction, "The IL pops an empty evaluation stack.");
        var entry = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return entry;
    }

    /// <summary>Pops a register value; a promoted local's address used as a value makes the local live in memory.</summary>
    private ValueEntry PopValue()
    {
        var entry = Pop();
        return entry switch
        {
            ValueEntry value => value,
            LocalAddressEntry address => throw new LocalEscapeException(address.Slot.Key),
            StringEntry => throw Error(CompilerDiagnosticIds.StringOperation, "A string is used as a value. In an eBPF program, strings can only be literal format arguments of helpers such as Bpf.Printk."),
            _ => throw Error(CompilerDiagnosticIds.UnsupportedInstruction, "A struct value is used where a number or pointer is expected."),
        };
    }

    /// <summary>A stack value widened to 64 bits the way IL mixes int32 with native int (sign extension).</summary>
    private IrValue Widen(ValueEntry entry, bool signed = true)
    {
        if (entry.Value.Wide)
            return entry.Value;
        if (entry.Value is IrConstant constant)
            return IrConstant.Of64(signed ? constant.Int32 : (uint)constant.Value);
        return signed ? Extend(IrOpcode.SignExtend, entry.Value, 4, wide: true) : Emit(IrOpcode.Copy, true, entry.Value);
    }

    private IrValue Narrow(IrValue value) => value.Wide ? Extend(IrOpcode.ZeroExtend, value, 4, wide: false) : value;

    private IrValue Extend(IrOpcode opcode, IrValue value, int size, bool wide)
    {
        var instruction = Function.New(opcode, wide, value);
        instruction.Size = size;
        if (Optimize.ConstantEvaluator.Evaluate(instruction) is { } constant)
            return constant;
        // A phi of constants that already have the extended form (a bool from several returns) needs no instruction.
        if (value is IrInstruction { Opcode: IrOpcode.Phi } phi && phi.Wide == wide && phi.Operands.All(operand =>
            operand is IrConstant known && Optimize.ConstantEvaluator.Evaluate(Function.New(opcode, wide, known).WithSize(size))?.Value == known.Value))
            return phi;
        return Append(instruction);
    }

    /// <summary>Converts a value to what a variable or parameter of <paramref name="type"/> holds (IL truncates on store).</summary>
    private IrValue Normalize(IrValue value, ScalarType type)
    {
        if (type.Wide)
            return value.Wide ? value : Widen(new ValueEntry(value, StackKind.Int32), type.Signed);
        var narrow = Narrow(value);
        return type.Size switch
        {
            1 or 2 => Extend(type.Signed ? IrOpcode.SignExtend : IrOpcode.ZeroExtend, narrow, type.Size, wide: false),
            _ => narrow,
        };
    }

    private static StackKind KindOf(ScalarType type, TypeReference declared) =>
        type.Wide ? (declared.MetadataType is MetadataType.Int64 or MetadataType.UInt64 ? StackKind.Int64 : StackKind.NativeInt) : StackKind.Int32;
}
