using EbpfSharp.Compiler.Metadata;
using EbpfSharp.Object.Btf;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Data;

// [KernelType] structs, unions and enums (CO-RE): named as in the kernel, with only the members the program
// declares, named as in the kernel, at their C# offsets. libbpf matches them to the kernel's types by name
// (libbpf: src/relo_core.c, bpf_core_fields_are_compat), so pointers point at their pointee's type and fixed
// buffers are arrays, as clang writes a struct declared with __attribute__((preserve_access_index)).
internal sealed partial class BtfTypes
{
    private int DescribeKernelType(TypeReference type, string kernelName)
    {
        var definition = type.Resolve();
        _names.Add(kernelName);
        if (definition.IsEnum)
        {
            var underlying = definition.Fields.First(field => !field.IsStatic).FieldType;
            var scalar = TypeLayouts.Scalar(underlying)!.Value;
            var values = KernelTypes.Enumerators(type)
                .Select(field => new BtfEnumValue(KernelTypes.EnumeratorName(field), KernelTypes.EnumeratorValue(field)))
                .ToArray();
            return builder.Btf.Add(new BtfEnum((uint)scalar.Size, values, scalar.Signed, Is64: scalar.Size == 8) { Name = kernelName });
        }

        // Reserve the id first: a kernel struct often points at its own kind (task_struct.real_parent).
        uint size = (uint)layouts.SizeOf(type);
        int id = builder.Btf.Add(new BtfStruct(size, Array.Empty<BtfMember>()) { Name = kernelName });
        _ids[type.FullName] = id;
        var members = KernelTypes.Members(type, layouts)
            .Select(field => new BtfMember(KernelTypes.MemberName(field), KernelMember(field, type), (uint)layouts.OffsetOf(type, field.Name) * 8))
            .ToArray();
        builder.Btf.Types[id - 1] = new BtfStruct(size, members, IsUnion: KernelTypes.IsUnion(type, layouts)) { Name = kernelName };
        return id;
    }

    private int KernelMember(FieldDefinition field, TypeReference owner)
    {
        if (KernelTypes.FixedBuffer(field) is var (element, length))
            return builder.Types.Array(Of(element), (uint)length);
        var fieldType = TypeLayouts.FieldType(field, owner);
        if (fieldType is PointerType pointer)
        {
            var pointee = pointer.ElementType;
            bool described = pointee.MetadataType != MetadataType.Void
                && (KernelTypes.IsKernelType(pointee) || TypeLayouts.Scalar(pointee) is not null && !pointee.IsPointer);
            return builder.Types.Pointer(described ? Of(pointee) : 0);
        }
        return Of(fieldType);
    }
}
