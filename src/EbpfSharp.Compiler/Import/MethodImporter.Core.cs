using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using EbpfSharp.Object.Btf;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

// CO-RE: fields of [KernelType] structs read through pointers, and the Core.* questions about kernel types.
// A field read compiles as libbpf's BPF_CORE_READ does: "rX = <local offset>" carrying a FIELD_BYTE_OFFSET
// relocation (the loader patches it to the running kernel's offset), "rY = base + rX", then
// bpf_probe_read_kernel(&temp, size, rY) and a load of the temporary. Access strings follow clang's
// preserve_access_index: "0" for the root pointer, then one member index per field and one index per array
// element (llvm: docs/BPF/llvm_reloc.rst, "CO-RE Relocations").
internal sealed partial class MethodImporter
{
    /// <summary>bpf_probe_read_kernel (kernel: include/uapi/linux/bpf.h).</summary>
    private const int ProbeReadKernelHelper = 113;

    private Dictionary<IrValue, KernelAddress> KernelAddresses => _context.KernelAddresses;

    /// <summary><c>ldfld</c> of a field of a [KernelType] struct through a pointer: a relocated probe read.</summary>
    private bool TryKernelFieldLoad(FieldReference field)
    {
        if (_stack.Count == 0 || KernelFieldAccess(_stack[^1], field) is not { } address)
            return false;
        Pop();
        ReadKernel(address);
        return true;
    }

    /// <summary><c>ldflda</c> (<c>&amp;task-&gt;Field</c>): the relocated address, remembered for the reads and Core calls that follow.</summary>
    private bool TryKernelFieldAddress(FieldReference field)
    {
        if (_stack.Count == 0 || KernelFieldAccess(_stack[^1], field) is not { } address)
            return false;
        Pop();
        PushValue(KernelPointer(address), StackKind.NativeInt);
        return true;
    }

    /// <summary><c>stfld</c> into a [KernelType] struct through a pointer is an error: kernel memory is read-only here.</summary>
    private void RejectKernelFieldStore(FieldReference field)
    {
        if (_stack.Count >= 2 && KernelFieldAccess(_stack[^2], field) is { } address)
            throw KernelWrite($"'{address.RootType.Name}.{field.Name}'");
    }

    /// <summary>A store or initobj through a kernel address, or of a whole [KernelType] struct through a pointer, is an error.</summary>
    private void RejectKernelStore(StackEntry address, TypeReference type)
    {
        if (address is not ValueEntry { Value: var pointer })
            return;
        if (KernelAddresses.TryGetValue(pointer, out var kernel))
            throw KernelWrite($"A field of '{kernel.RootType.Name}' (access {kernel.AccessString})");
        if (KernelTypes.IsKernelStruct(type) && !IsLocalMemory(pointer))
            throw KernelWrite($"A whole '{type.Name}'");
    }

    /// <summary>ldind/ldobj (and ldfld of a plain field) at a kernel address: a relocated probe read.</summary>
    private bool TryKernelLoad(StackEntry address, int offset, TypeReference type)
    {
        if (address is not ValueEntry { Value: var pointer })
            return false;
        if (KernelAddresses.TryGetValue(pointer, out var kernel))
        {
            if (offset != 0)
                kernel = kernel with { Array = null, Dynamic = kernel.Dynamic is null ? IrConstant.Of64(offset) : Emit(IrOpcode.Add, true, kernel.Dynamic, IrConstant.Of64(offset)) };
            ReadKernel(kernel with { Type = type });
            return true;
        }
        if (KernelTypes.IsKernelStruct(type) && !IsLocalMemory(pointer))
            throw Error(CompilerDiagnosticIds.KernelStructCopy,
                $"A whole [KernelType] struct '{type.Name}' is copied from kernel memory. Only field reads are relocatable (the kernel's layout differs from the declaration); read the fields you need, as task->Pid.");
        return false;
    }

    /// <summary>
    /// <c>add</c> of an index to the start of a kernel array member (<c>task-&gt;Comm[i]</c>): a constant element
    /// index joins the access string, as clang writes it; a variable one is added after the relocated offset.
    /// </summary>
    private bool TryKernelElementAddress()
    {
        if (_stack.Count < 2)
            return false;
        bool leftIsArray = IsKernelArrayStart(_stack[^2]);
        if (!leftIsArray && !IsKernelArrayStart(_stack[^1]))
            return false;
        var right = PopValue();
        var left = PopValue();
        var (array, index) = leftIsArray ? (left, right) : (right, left);
        var start = KernelAddresses[array.Value];
        var (element, length) = start.Array!.Value;
        int size = SizeOf(element);
        KernelAddress address;
        long? bytes = index.Value is IrConstant constant ? (constant.Wide ? constant.Value : constant.Int32) : null;
        if (bytes is { } known && known % size == 0 && known / size >= 0 && known / size < length)
            address = start with { Access = start.Access.Add((int)(known / size)), Offset = start.Offset + (int)known, Type = element, Array = null };
        else
            address = start with { Dynamic = Widen(index), Type = element, Array = null };
        PushValue(KernelPointer(address), StackKind.NativeInt);
        return true;
    }

    private bool IsKernelArrayStart(StackEntry entry) =>
        entry is ValueEntry { Value: var value } && KernelAddresses.TryGetValue(value, out var address)
        && address is { Array: not null, Dynamic: null } && TypeLayouts.Scalar(address.Type) is not null;

    /// <summary>
    /// The kernel address of <paramref name="field"/> in what <paramref name="container"/> points at, or null when
    /// the access is not a CO-RE one (a plain struct, or a [KernelType] struct in the program's own stack or globals).
    /// </summary>
    private KernelAddress? KernelFieldAccess(StackEntry container, FieldReference field)
    {
        if (container is not ValueEntry { Value: var pointer })
            return null;
        var declaring = Resolve(field.DeclaringType);
        var definition = field.Resolve();
        if (definition is null)
            return null;
        if (KernelAddresses.TryGetValue(pointer, out var parent) && parent.Dynamic is null && parent.Type.FullName == declaring.FullName)
        {
            // A fixed buffer's element field (FixedElementField): the array member's start, elements next.
            if (parent.Array is { } array && !KernelTypes.IsKernelType(declaring))
                return parent with { Type = array.Element };
            if (KernelTypes.IsKernelStruct(declaring) && parent.Array is null)
                return Member(parent, declaring, definition);
        }
        if (!KernelTypes.IsKernelStruct(declaring) || IsLocalMemory(pointer))
            return null;
        RequireDescribable(declaring);
        return Member(new KernelAddress(AddressOf(container), declaring, [0], 0, declaring), declaring, definition);
    }

    private KernelAddress Member(KernelAddress parent, TypeReference declaring, FieldDefinition field)
    {
        int index = KernelTypes.Members(declaring, Layouts).ToList().FindIndex(member => member.Name == field.Name);
        var fieldType = TypeLayouts.FieldType(field, declaring);
        if (KernelTypes.IsKernelStruct(fieldType))
            RequireDescribable(fieldType);
        return parent with
        {
            Access = parent.Access.Add(index),
            Offset = parent.Offset + FieldOffset(field),
            Type = fieldType,
            Array = KernelTypes.FixedBuffer(field),
        };
    }

    private void RequireDescribable(TypeReference type)
    {
        if (KernelTypes.Problem(type) is { } problem)
            throw Error(CompilerDiagnosticIds.KernelTypeDeclaration, problem);
    }

    /// <summary><c>rX = offset</c> (relocated), <c>rY = root + rX</c> (+ a run-time element offset).</summary>
    private IrValue KernelPointer(KernelAddress address)
    {
        var offset = Relocated(address.RootType, address.AccessString, BtfCoreRelocationKind.FieldByteOffset, address.Offset, wide: true);
        IrValue pointer = Emit(IrOpcode.Add, true, address.Root, offset);
        if (address.Dynamic is { } dynamic)
            pointer = Emit(IrOpcode.Add, true, pointer, dynamic);
        KernelAddresses[pointer] = address;
        return pointer;
    }

    /// <summary>Reads the value at a kernel address with bpf_probe_read_kernel (0 where the kernel faults) and pushes it.</summary>
    private void ReadKernel(KernelAddress address)
    {
        var type = address.Type;
        if (TypeLayouts.Scalar(type) is { } scalar)
        {
            // An array member read directly is its element 0: "0:3:0", as clang writes task->comm[0].
            if (address is { Array: not null, Dynamic: null })
                address = address with { Access = address.Access.Add(0), Array = null };
            var source = KernelPointer(address);
            var temporary = Function.Frames.FirstOrDefault(frame => frame.Name == "core#read") ?? NewFrame("core#read", 8);
            ProbeReadKernel(FrameAddress(temporary), scalar.Size, source);
            PushScalar(LoadScalar(FrameAddress(temporary), 0, scalar), scalar, type);
            return;
        }
        if (KernelTypes.IsKernelStruct(type))
            throw Error(CompilerDiagnosticIds.KernelStructCopy,
                $"A whole [KernelType] struct '{type.Name}' is copied from kernel memory. Only field reads are relocatable (the kernel's layout differs from the declaration); read the fields you need, as task->Thread.Sp, or take its address (&task->Thread).");
        if (!TypeLayouts.IsStruct(type))
            ScalarOf(type, "A kernel field");
        // A fixed buffer (or another plain struct) copied whole: one probe read of its local size.
        int size = SizeOf(type);
        var frame = NewFrame($"temp#core{Function.Frames.Count}", size);
        ProbeReadKernel(FrameAddress(frame), size, KernelPointer(address));
        Push(new StructEntry(FrameAddress(frame), type));
    }

    private void ProbeReadKernel(IrValue destination, int size, IrValue source)
    {
        var call = Emit(IrOpcode.CallHelper, true, destination, IrConstant.Of32(size), source);
        call.Immediate = ProbeReadKernelHelper;
        call.ProducesValue = false;
    }

    /// <summary>A constant holding the local value of a CO-RE relocation, in an instruction of its own.</summary>
    private IrInstruction Relocated(TypeReference root, string access, BtfCoreRelocationKind kind, long value, bool wide)
    {
        var constant = Function.New(IrOpcode.Materialize, wide, IrConstant.Of(value, wide));
        constant.CoreRelocation = new CoreRelocation(root, access, kind);
        return Append(constant);
    }

    /// <summary>Stack and global memory: a [KernelType] struct there is the program's own copy, read and written plainly.</summary>
    private static bool IsLocalMemory(IrValue value)
    {
        for (int depth = 0; depth < 16; depth++)
        {
            switch (value)
            {
                case IrInstruction { Opcode: IrOpcode.FrameAddress or IrOpcode.SymbolAddress }:
                    return true;
                case IrInstruction { Opcode: IrOpcode.Add or IrOpcode.Sub or IrOpcode.Copy } arithmetic:
                    value = arithmetic.Operands[0];
                    break;
                default:
                    return false;
            }
        }
        return false;
    }

    private CompileErrorException KernelWrite(string what) =>
        Error(CompilerDiagnosticIds.KernelFieldWrite,
            $"{what} is written through a pointer to a [KernelType] struct. Kernel types are read-only to programs: fields are read with bpf_probe_read_kernel at relocated offsets. Copy the value into your own struct or a local and change that.");

    // ---- Core.* ----

    private bool CoreIntrinsic(MethodReference method)
    {
        switch (method.Name)
        {
            case "FieldExists":
                var argument = Pop();
                if (argument is not ValueEntry { Value: var value } || !KernelAddresses.TryGetValue(value, out var field) || field.Dynamic is not null)
                    throw Error(CompilerDiagnosticIds.CoreIntrinsicArgument,
                        "Core.FieldExists takes the address of a field read through a pointer to a [KernelType] struct, as Core.FieldExists(&task->LoginUid).");
                PushValue(Relocated(field.RootType, field.AccessString, BtfCoreRelocationKind.FieldExists, 1, wide: false), StackKind.Int32);
                return true;
            case "TypeExists" or "TypeSize":
                var type = CoreTypeArgument(method);
                bool exists = method.Name == "TypeExists";
                PushValue(Relocated(type, "0", exists ? BtfCoreRelocationKind.TypeExists : BtfCoreRelocationKind.TypeSize, exists ? 1 : SizeOf(type), wide: false), StackKind.Int32);
                return true;
            case "EnumValueExists" or "EnumValue":
                var enumeration = CoreTypeArgument(method);
                var (index, enumerator) = Enumerator(enumeration, PopValue().Value, method.Name);
                if (method.Name == "EnumValueExists")
                    PushValue(Relocated(enumeration, index.ToString(System.Globalization.CultureInfo.InvariantCulture), BtfCoreRelocationKind.EnumValueExists, 1, wide: false), StackKind.Int32);
                else
                    PushValue(Relocated(enumeration, index.ToString(System.Globalization.CultureInfo.InvariantCulture), BtfCoreRelocationKind.EnumValue, enumerator, wide: true), StackKind.Int64);
                return true;
            default:
                return false;
        }
    }

    private TypeReference CoreTypeArgument(MethodReference method)
    {
        var type = method is GenericInstanceMethod generic ? Resolve(generic.GenericArguments[0]) : null;
        if (type is null || !KernelTypes.IsKernelType(type))
            throw Error(CompilerDiagnosticIds.CoreIntrinsicArgument,
                $"Core.{method.Name} needs a [KernelType] struct or enum as its type argument{(type is null ? "" : $"; '{type.Name}' has no [KernelType]")}. Declare the kernel type with [KernelType(\"its_kernel_name\")].");
        RequireDescribable(type);
        return type;
    }

    /// <summary>The index (in BTF order) and value of the enumerator a constant names.</summary>
    private (int Index, long Value) Enumerator(TypeReference enumeration, IrValue value, string method)
    {
        var enumerators = KernelTypes.Enumerators(enumeration);
        int size = SizeOf(enumeration);
        long mask = size == 8 ? -1 : (1L << (size * 8)) - 1;
        if (value is IrConstant constant)
            for (int i = 0; i < enumerators.Count; i++)
                if ((KernelTypes.EnumeratorValue(enumerators[i]) & mask) == (constant.Value & mask))
                    return (i, KernelTypes.EnumeratorValue(enumerators[i]));
        throw Error(CompilerDiagnosticIds.CoreEnumerator,
            $"Core.{method} needs one of {enumeration.Name}'s enumerators written as a constant (as Core.{method}({enumeration.Name}.{(enumerators.Count > 0 ? enumerators[0].Name : "Value")})); the loader looks the enumerator up by name.");
    }
}
