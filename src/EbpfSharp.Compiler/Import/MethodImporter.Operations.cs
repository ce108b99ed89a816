using EbpfSharp.Compiler.Data;
using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler.Import;

// The operations behind the IL opcodes: arithmetic, conversions, returns, block memory and stack allocation.
internal sealed partial class MethodImporter
{
    private (IrValue Left, IrValue Right) PopOperands()
    {
        var right = PopValue();
        var left = PopValue();
        if (left.Value.Wide == right.Value.Wide)
            return (left.Value, right.Value);
        return (Widen(left), Widen(right));
    }

    private void Binary(Code code)
    {
        if (code == Code.Add && TryKernelElementAddress())
            return;
        var right = PopValue();
        var left = PopValue();
        bool wide = left.Value.Wide || right.Value.Wide;
        var kind = left.ValueKind == StackKind.NativeInt || right.ValueKind == StackKind.NativeInt ? StackKind.NativeInt
            : wide ? StackKind.Int64 : StackKind.Int32;
        var opcode = code switch
        {
            Code.Add => IrOpcode.Add,
            Code.Sub => IrOpcode.Sub,
            Code.Mul => IrOpcode.Mul,
            Code.Div => IrOpcode.DivSigned,
            Code.Div_Un => IrOpcode.DivUnsigned,
            Code.Rem => IrOpcode.RemSigned,
            Code.Rem_Un => IrOpcode.RemUnsigned,
            Code.And => IrOpcode.And,
            Code.Or => IrOpcode.Or,
            _ => IrOpcode.Xor,
        };
        PushValue(Emit(opcode, wide, wide ? Widen(left) : left.Value, wide ? Widen(right) : right.Value), kind);
    }

    private void Shift(Code code)
    {
        var amount = PopValue();
        var value = PopValue();
        var opcode = code switch { Code.Shl => IrOpcode.ShiftLeft, Code.Shr => IrOpcode.ShiftRightSigned, _ => IrOpcode.ShiftRightUnsigned };
        // The amount is an int32 (or native int); the result has the shifted value's width.
        var count = value.Value.Wide ? Widen(amount, signed: false) : Narrow(amount.Value);
        PushValue(Emit(opcode, value.Value.Wide, value.Value, count), value.ValueKind);
    }

    private void Convert32(Code code)
    {
        var source = Narrow(PopValue().Value);
        IrValue result = code switch
        {
            Code.Conv_I1 => Extend(IrOpcode.SignExtend, source, 1, wide: false),
            Code.Conv_I2 => Extend(IrOpcode.SignExtend, source, 2, wide: false),
            Code.Conv_U1 => Extend(IrOpcode.ZeroExtend, source, 1, wide: false),
            Code.Conv_U2 => Extend(IrOpcode.ZeroExtend, source, 2, wide: false),
            _ => source,
        };
        PushValue(result, StackKind.Int32);
    }

    private void Return()
    {
        var returnType = Resolve(_method.ReturnType);
        bool hasValue = returnType.MetadataType != MetadataType.Void;
        if (_instance.Continuation is not { } continuation)
        {
            var ret = Function.New(IrOpcode.Return, false);
            if (hasValue)
                ret.Operands.Add(Normalize(PopValue().Value, ScalarOf(returnType, $"The return value of '{Describe(_method)}'")));
            Append(ret);
            return;
        }
        if (hasValue)
        {
            if (_instance.ReturnStruct is { } frame)
                CopyMemory(FrameAddress(frame), PopStruct().Address, SizeOf(returnType));
            else
                Ssa.Write(_instance.ReturnVariable!, _block, Normalize(PopValue().Value, _instance.ReturnVariable!.Type));
        }
        var jump = Append(Function.New(IrOpcode.Jump, false));
        jump.Targets.Add(continuation);
        continuation.Predecessors.Add(_block);
    }

    private void InitializeObject(StackEntry address, TypeReference type)
    {
        RejectKernelStore(address, type);
        if (address is LocalAddressEntry local)
        {
            IEnumerable<(int Offset, ScalarType Type)> leaves;
            try
            {
                leaves = Layouts.Leaves(type, local.Offset).ToList();
            }
            catch (UnsupportedTypeException exception) when (exception.FloatingPointMessage("A value here") is { } message)
            {
                throw Error(CompilerDiagnosticIds.FloatingPoint, message);
            }
            catch (UnsupportedTypeException)
            {
                throw Error(CompilerDiagnosticIds.UnsupportedType, $"Type '{type.FullName}' has no eBPF layout.");
            }
            foreach (var (offset, scalar) in leaves)
                WriteLeaf(local with { Offset = offset }, scalar, IrConstant.Of(0, scalar.Wide));
            return;
        }
        ZeroMemory(AddressOf(address), SizeOf(type));
    }

    private void StackAllocate()
    {
        var size = PopValue();
        if (size.Value is not IrConstant { Value: > 0 and <= 512 } constant)
            throw Error(CompilerDiagnosticIds.StackTooLarge, "stackalloc needs a constant size of at most 512 bytes: the eBPF stack is 512 bytes and fixed at load time.");
        var frame = NewFrame($"stackalloc#{Function.Frames.Count}", (int)constant.Value);
        var address = FrameAddress(frame);
        if (_method.Body.InitLocals)
            ZeroMemory(address, frame.Size);
        PushValue(address, StackKind.NativeInt);
    }

    private void Block(Code code)
    {
        var size = PopValue();
        var second = PopValue();
        var destination = AddressOf(Pop());
        if (size.Value is not IrConstant { Value: >= 0 and <= 512 } constant)
            throw Error(CompilerDiagnosticIds.UnsupportedInstruction, "A block copy or fill needs a constant size (at most 512 bytes).");
        if (code == Code.Cpblk)
        {
            CopyMemory(destination, AddressOf(second), (int)constant.Value);
            return;
        }
        if (second.Value is not IrConstant { Value: 0 })
            throw Error(CompilerDiagnosticIds.UnsupportedInstruction, "A block fill with a value other than zero.");
        ZeroMemory(destination, (int)constant.Value);
    }

    /// <summary>
    /// Static fields are maps (the field's value is the map: ld_imm64 of its symbol) or globals in .bss, .data or
    /// .rodata (the field's address is an ld_imm64 of its symbol; loads and stores go through it).
    /// </summary>
    private void StaticField(Instruction instruction)
    {
        var reference = (FieldReference)instruction.Operand;
        var field = reference.Resolve() ?? throw Error(CompilerDiagnosticIds.UnreadableAssembly, $"Static field '{reference.FullName}' cannot be found.");
        object symbol;
        try
        {
            symbol = _context.Module.Statics.Get(field);
        }
        catch (StaticFieldException exception)
        {
            throw Error(CompilerDiagnosticIds.StaticField, exception.Message);
        }
        var address = Emit(IrOpcode.SymbolAddress, true);
        var code = instruction.OpCode.Code;
        string name = $"{field.DeclaringType.Name}.{field.Name}";
        if (symbol is MapSymbol map)
        {
            address.Symbol = map.Symbol;
            if (code != Code.Ldsfld)
                throw Error(CompilerDiagnosticIds.StaticField, $"Map '{name}' is {(code == Code.Stsfld ? "assigned" : "used by reference")}; programs only call its methods.");
            PushValue(address, StackKind.NativeInt);
            return;
        }
        var global = (GlobalSymbol)symbol;
        address.Symbol = global.Symbol;
        var pointer = new ValueEntry(address, StackKind.NativeInt);
        switch (code)
        {
            case Code.Ldsfld:
                LoadIndirect(pointer, 0, global.Type);
                break;
            case Code.Ldsflda:
                PushValue(address, StackKind.NativeInt);
                break;
            default:
                if (global.Section == ".rodata")
                    throw Error(CompilerDiagnosticIds.StaticField, $"'{name}' is static readonly: programs read it from .rodata, which is frozen when the object loads. Make it a mutable static to change it.");
                StoreIndirect(pointer, 0, global.Type, Pop());
                SpillPendingStructs();
                break;
        }
    }

    /// <summary>
    /// Struct values wait on the stack as addresses; before memory is written, copies of any still waiting
    /// are taken so they keep the value they had when pushed.
    /// </summary>
    private void SpillPendingStructs()
    {
        for (int i = 0; i < _stack.Count; i++)
            if (_stack[i] is StructEntry structure && structure.Address is not IrInstruction { Opcode: IrOpcode.FrameAddress, Frame.Name: ['t', 'e', 'm', 'p', ..] })
            {
                var frame = NewFrame($"temp#{Function.Frames.Count}", SizeOf(structure.Type));
                var copy = FrameAddress(frame);
                CopyMemory(copy, structure.Address, frame.Size);
                _stack[i] = structure with { Address = copy };
            }
    }
}
