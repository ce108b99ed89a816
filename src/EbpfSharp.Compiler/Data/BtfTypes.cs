using System.Text;
using EbpfSharp.Compiler.Metadata;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Writing;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Data;

/// <summary>
/// Describes C# types in BTF the way clang describes the C types they mirror, so bpftool and libbpf print map
/// keys, values and globals with their field names: integers, enums, <c>void *</c> for pointers, structs with
/// every field at its CLR offset, fixed buffers as arrays.
/// </summary>
internal sealed partial class BtfTypes(ObjectBuilder builder, TypeLayouts layouts)
{
    private readonly Dictionary<string, int> _ids = [];
    private readonly HashSet<string> _names = [];

    public int Of(TypeReference type)
    {
        if (_ids.TryGetValue(type.FullName, out int id))
            return id;
        id = Describe(type);
        _ids[type.FullName] = id;
        return id;
    }

    private int Describe(TypeReference type)
    {
        var types = builder.Types;
        if (type.IsPointer || type.IsByReference)
            return types.Pointer(0);
        switch (type.MetadataType)
        {
            case MetadataType.Boolean: return types.Add(new BtfInt(1, BtfIntEncoding.Bool, 0, 8) { Name = "_Bool" });
            case MetadataType.SByte: return types.Integer("signed char", 1, signed: true);
            case MetadataType.Byte: return types.Integer("unsigned char", 1, signed: false);
            case MetadataType.Int16: return types.Integer("short", 2, signed: true);
            case MetadataType.UInt16 or MetadataType.Char: return types.Integer("unsigned short", 2, signed: false);
            case MetadataType.Int32: return types.Integer("int", 4, signed: true);
            case MetadataType.UInt32: return types.Integer("unsigned int", 4, signed: false);
            case MetadataType.Int64 or MetadataType.IntPtr: return types.Integer("long", 8, signed: true);
            case MetadataType.UInt64 or MetadataType.UIntPtr: return types.Integer("unsigned long", 8, signed: false);
        }
        if (KernelTypes.KernelName(type) is { } kernelName)
            return DescribeKernelType(type, kernelName);
        var definition = type.Resolve();
        if (definition.IsEnum)
        {
            var underlying = definition.Fields.First(field => !field.IsStatic).FieldType;
            var scalar = TypeLayouts.Scalar(underlying)!.Value;
            var values = definition.Fields.Where(field => field.IsStatic && field.HasConstant)
                .Select(field => new BtfEnumValue($"{Name(definition)}_{field.Name}", Convert.ToInt64(field.Constant)))
                .ToArray();
            return builder.Btf.Add(new BtfEnum((uint)scalar.Size, values, scalar.Signed, Is64: scalar.Size == 8) { Name = UniqueName(type, definition) });
        }
        var members = new List<BtfMember>();
        foreach (var field in definition.Fields.Where(field => !field.IsStatic))
        {
            int offset = layouts.OffsetOf(type, field.Name);
            members.Add(new BtfMember(field.Name, Member(field, type), (uint)offset * 8));
        }
        return builder.Btf.Add(new BtfStruct((uint)layouts.SizeOf(type), members.ToArray()) { Name = UniqueName(type, definition) });
    }

    /// <summary>A field's type; a fixed buffer (<c>fixed byte Name[N]</c>) is an array of its element type.</summary>
    private int Member(FieldDefinition field, TypeReference owner)
    {
        var fieldType = field.FieldType.Resolve();
        if (fieldType is { IsValueType: true, ClassSize: > 0 } && fieldType.Name.Contains("FixedBuffer", StringComparison.Ordinal)
            && fieldType.Fields.Count(inner => !inner.IsStatic) == 1)
        {
            var element = fieldType.Fields.First(inner => !inner.IsStatic).FieldType;
            uint count = (uint)(fieldType.ClassSize / layouts.SizeOf(element));
            return builder.Types.Array(Of(element), count);
        }
        return Of(TypeLayouts.FieldType(field, owner));
    }

    /// <summary>The type's C name, made unique; a generic instance adds its arguments (<c>Prefix_uint</c>).</summary>
    private string UniqueName(TypeReference reference, TypeDefinition type)
    {
        string name = Name(type);
        if (reference is GenericInstanceType instance)
            name += string.Concat(instance.GenericArguments.Select(argument => "_" + Name(argument.Resolve() ?? type)));
        string unique = name;
        for (int suffix = 2; !_names.Add(unique); suffix++)
            unique = $"{name}_{suffix}";
        return unique;
    }

    /// <summary>The type's name as a C identifier (BTF names must be).</summary>
    private static string Name(TypeDefinition type)
    {
        var name = new StringBuilder();
        foreach (char c in type.Name.Split('`')[0])
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            name.Insert(0, '_');
        return name.ToString();
    }
}
