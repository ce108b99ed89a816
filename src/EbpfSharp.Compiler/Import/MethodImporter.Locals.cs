using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

// Locals and arguments: SSA variables while their address stays inside loads and stores, stack memory otherwise.
internal sealed partial class MethodImporter
{
    private void Bind(LocalSlot slot, StackEntry entry)
    {
        slot.EntryBlock = _entry;
        switch (entry)
        {
            case ValueEntry value when TypeLayouts.Scalar(slot.Type) is { } scalar:
                if (_context.MemoryLocals.Contains(slot.Key))
                {
                    slot.Frame = NewFrame(slot.Name, 8);
                    StoreScalar(FrameAddress(slot.Frame), 0, scalar, value.Value);
                }
                else
                {
                    Ssa.Write(slot.Leaf(0, scalar, out _)!, _entry, Normalize(value.Value, scalar));
                }
                break;
            case StructEntry structure when MapTypes.IsMapFamily(_method.DeclaringType):
                // The map API's wrappers only pass their key and value parameters on to helpers that read them:
                // the caller's bytes serve, and a copy would cost stack (512 bytes in all).
                slot.Alias = structure;
                break;
            case StructEntry structure:
                // Struct arguments are copies: the callee may change its own without touching the caller's.
                slot.Frame = NewFrame(slot.Name, Layouts.SizeOf(slot.Type));
                CopyMemory(FrameAddress(slot.Frame), structure.Address, Layouts.SizeOf(slot.Type));
                break;
            case ValueEntry:
                throw Error(CompilerDiagnosticIds.UnsupportedType, $"A value is passed for parameter '{slot.Name}' of type '{slot.Type.Name}', which has no eBPF form.");
            default:
                slot.Alias = entry;
                break;
        }
    }

    private void InitializeLocal(LocalSlot slot)
    {
        slot.EntryBlock = _entry;
        // Locals of types eBPF cannot hold (classes, float) are reported where the code first uses them.
        var scalar = TypeLayouts.Scalar(slot.Type);
        if (scalar is null && !TypeLayouts.IsStruct(slot.Type))
            return;
        if (_context.MemoryLocals.Contains(slot.Key))
        {
            slot.Frame = NewFrame(slot.Name, scalar?.Size ?? SizeOf(slot.Type));
            ZeroMemory(FrameAddress(slot.Frame), slot.Frame.Size);
        }
        else if (scalar is { } type)
        {
            Ssa.Write(slot.Leaf(0, type, out _)!, _entry, IrConstant.Of(0, type.Wide));
        }
    }

    private void RequireUsable(LocalSlot slot)
    {
        if (TypeLayouts.Scalar(slot.Type) is null && !TypeLayouts.IsStruct(slot.Type))
            ScalarOf(slot.Type, $"A local of '{Describe(_method)}'");
    }

    private FrameObject NewFrame(string name, int size) => Function.NewFrame(name, (size + 7) / 8 * 8);

    private IrValue FrameAddress(FrameObject frame)
    {
        var address = Emit(IrOpcode.FrameAddress, true);
        address.Frame = frame;
        return address;
    }

    private int SizeOf(TypeReference type)
    {
        try
        {
            return Layouts.SizeOf(type);
        }
        catch (UnsupportedTypeException exception) when (exception.FloatingPointMessage("A value here") is { } message)
        {
            throw Error(CompilerDiagnosticIds.FloatingPoint, message);
        }
        catch (UnsupportedTypeException exception)
        {
            throw Error(CompilerDiagnosticIds.UnsupportedType, $"Type '{exception.Type.FullName}' has no eBPF layout: only primitives, enums, pointers and unmanaged structs can be used.");
        }
    }

    private ScalarType ScalarOf(TypeReference type, string what)
    {
        if (TypeLayouts.Scalar(type) is { } scalar)
            return scalar;
        if (TypeLayouts.IsFloatingPoint(type))
            throw Error(CompilerDiagnosticIds.FloatingPoint, $"{what} is a {type.Name}; eBPF has no floating point. Use integers.");
        throw Error(CompilerDiagnosticIds.ManagedReference, $"{what} has type '{type.FullName}', which eBPF cannot hold.");
    }

    private void LoadLocal(LocalSlot slot)
    {
        if (slot.Alias is { } alias)
        {
            Push(alias);
            return;
        }
        if (slot.Frame is { } frame)
        {
            if (TypeLayouts.Scalar(slot.Type) is { } scalar)
                PushScalar(LoadScalar(FrameAddress(frame), 0, scalar), scalar, slot.Type);
            else
                Push(new StructEntry(FrameAddress(frame), slot.Type));
            return;
        }
        RequireUsable(slot);
        if (TypeLayouts.Scalar(slot.Type) is not { } type)
            throw new LocalEscapeException(slot.Key);
        PushScalar(ReadLeaf(new LocalAddressEntry(slot, 0), type), type, slot.Type);
    }

    private void StoreLocal(LocalSlot slot)
    {
        if (slot.Alias is LocalAddressEntry aliased)
            throw new LocalEscapeException(aliased.Slot.Key);
        if (slot.Alias is not null)
            throw Error(CompilerDiagnosticIds.StringOperation, "A string parameter is assigned; strings can only be passed on as helper formats.");
        if (slot.Frame is { } frame)
        {
            if (TypeLayouts.Scalar(slot.Type) is { } scalar)
                StoreScalar(FrameAddress(frame), 0, scalar, PopValue().Value);
            else
                CopyMemory(FrameAddress(frame), PopStruct().Address, SizeOf(slot.Type));
            return;
        }
        RequireUsable(slot);
        if (TypeLayouts.Scalar(slot.Type) is not { } type)
            throw new LocalEscapeException(slot.Key);
        WriteLeaf(new LocalAddressEntry(slot, 0), type, PopValue().Value);
    }

    private void LoadLocalAddress(LocalSlot slot)
    {
        if (slot.Alias is LocalAddressEntry aliased)
            throw new LocalEscapeException(aliased.Slot.Key);
        if (slot.Alias is StructEntry structure)
        {
            PushValue(structure.Address, StackKind.NativeInt);
            return;
        }
        if (slot.Alias is not null)
            throw Error(CompilerDiagnosticIds.StringOperation, "The address of a string parameter is taken.");
        if (slot.Frame is { } frame)
            PushValue(FrameAddress(frame), StackKind.NativeInt);
        else
            Push(new LocalAddressEntry(slot, 0));
    }

    private IrValue ReadLeaf(LocalAddressEntry address, ScalarType type)
    {
        var leaf = Leaf(address, type);
        var value = Ssa.Read(leaf, _block);
        // The same bytes read with the other signedness (stind.i2 stores a ushort local, ldloc reads it unsigned).
        return leaf.Type.Signed != type.Signed && type.Size < 4
            ? Extend(type.Signed ? IrOpcode.SignExtend : IrOpcode.ZeroExtend, value, type.Size, wide: false)
            : value;
    }

    private void WriteLeaf(LocalAddressEntry address, ScalarType type, IrValue value)
    {
        // Kept in the variable's own form: the bytes are what matter, whoever stores them.
        var leaf = Leaf(address, type);
        Ssa.Write(leaf, _block, Normalize(value, leaf.Type));
    }

    private Variable Leaf(LocalAddressEntry address, ScalarType type)
    {
        var leaf = address.Slot.Leaf(address.Offset, type, out bool created) ?? throw new LocalEscapeException(address.Slot.Key);
        if (created && !Ssa.IsDefinedIn(leaf, address.Slot.EntryBlock))
            Ssa.Write(leaf, address.Slot.EntryBlock, IrConstant.Of(0, type.Wide));
        return leaf;
    }

    private StructEntry PopStruct()
    {
        var entry = Pop();
        return entry switch
        {
            StructEntry structure => structure,
            LocalAddressEntry address => throw new LocalEscapeException(address.Slot.Key),
            _ => throw Error(CompilerDiagnosticIds.UnsupportedInstruction, "A number is used where a struct value is expected."),
        };
    }

    private void PushScalar(IrValue value, ScalarType type, TypeReference declared) => PushValue(value, KindOf(type, declared));

    // ---- memory ----

    /// <summary>Loads a scalar as IL pushes it: small signed values sign-extended to int32, others zero-extended.</summary>
    private IrValue LoadScalar(IrValue address, int offset, ScalarType type)
    {
        var load = Emit(IrOpcode.Load, type.Wide, address);
        load.Immediate = offset;
        load.Size = type.Size;
        return type.Signed && type.Size < 4 ? Extend(IrOpcode.SignExtend, load, type.Size, wide: false) : load;
    }

    private void StoreScalar(IrValue address, int offset, ScalarType type, IrValue value)
    {
        if (type.Wide && !value.Wide)
            value = Widen(new ValueEntry(value, StackKind.Int32), type.Signed);
        var store = Emit(IrOpcode.Store, false, address, value);
        store.Immediate = offset;
        store.Size = type.Size;
    }

    private void CopyMemory(IrValue destination, IrValue source, int size)
    {
        foreach (var (offset, type) in Chunks(size))
            StoreScalar(destination, offset, type, LoadScalar(source, offset, type));
    }

    private void ZeroMemory(IrValue destination, int size)
    {
        foreach (var (offset, type) in Chunks(size))
            StoreScalar(destination, offset, type, IrConstant.Of(0, type.Wide));
    }

    /// <summary>Covers <paramref name="size"/> bytes with the widest accesses that fit: 8, then 4, 2, 1.</summary>
    private static IEnumerable<(int Offset, ScalarType Type)> Chunks(int size)
    {
        for (int offset = 0; offset < size;)
        {
            int left = size - offset;
            int chunk = left >= 8 ? 8 : left >= 4 ? 4 : left >= 2 ? 2 : 1;
            yield return (offset, new ScalarType(chunk, false));
            offset += chunk;
        }
    }

    /// <summary>Loads a value of <paramref name="type"/> from an address entry (a pointer, or a promoted local's address).</summary>
    private void LoadIndirect(StackEntry address, int offset, TypeReference type)
    {
        if (TryKernelLoad(address, offset, type))
            return;
        if (address is LocalAddressEntry local)
        {
            var at = local with { Offset = local.Offset + offset };
            if (TypeLayouts.Scalar(type) is { } scalar)
                PushScalar(ReadLeaf(at, scalar), scalar, type);
            else
                throw new LocalEscapeException(local.Slot.Key);
            return;
        }
        var pointer = AddressOf(address);
        if (TypeLayouts.Scalar(type) is { } value)
            PushScalar(LoadScalar(pointer, offset, value), value, type);
        else if (TypeLayouts.IsStruct(type))
            Push(new StructEntry(offset == 0 ? pointer : Emit(IrOpcode.Add, true, pointer, IrConstant.Of64(offset)), type));
        else
            ScalarOf(type, "A loaded value");
    }

    private void StoreIndirect(StackEntry address, int offset, TypeReference type, StackEntry value)
    {
        RejectKernelStore(address, type);
        if (address is LocalAddressEntry local)
        {
            var at = local with { Offset = local.Offset + offset };
            if (TypeLayouts.Scalar(type) is { } scalar && value is ValueEntry number)
                WriteLeaf(at, scalar, number.Value);
            else
                throw new LocalEscapeException(local.Slot.Key);
            return;
        }
        var pointer = AddressOf(address);
        if (TypeLayouts.Scalar(type) is { } target)
        {
            _stack.Add(value);
            StoreScalar(pointer, offset, target, PopValue().Value);
        }
        else
        {
            _stack.Add(value);
            var source = PopStruct();
            var destination = offset == 0 ? pointer : Emit(IrOpcode.Add, true, pointer, IrConstant.Of64(offset));
            CopyMemory(destination, source.Address, SizeOf(type));
        }
    }

    /// <summary>The pointer an address entry holds; a struct value's own memory for field access on a struct.</summary>
    private IrValue AddressOf(StackEntry address) => address switch
    {
        ValueEntry value => value.Value.Wide ? value.Value : Widen(value, signed: false),
        StructEntry structure => structure.Address,
        LocalAddressEntry local => throw new LocalEscapeException(local.Slot.Key),
        _ => throw Error(CompilerDiagnosticIds.StringOperation, "A string is used as an address."),
    };
}
