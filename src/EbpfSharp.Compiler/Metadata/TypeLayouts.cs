using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>
/// Sizes, alignments and field offsets of the types programs use, computed as the CLR lays out unmanaged
/// structs: sequential (natural alignment capped by Pack, size rounded up, at least the declared Size) or
/// explicit (FieldOffset). The same layout is what the program sees in packet and stack memory.
/// </summary>
internal sealed class TypeLayouts
{
    private readonly Dictionary<string, (int Size, int Alignment, Dictionary<string, int> Offsets)> _structs = [];

    /// <summary>The scalar form of a type, or null for structs and types programs cannot hold.</summary>
    public static ScalarType? Scalar(TypeReference type)
    {
        if (type.IsPointer || type.IsByReference || type.IsFunctionPointer)
            return ScalarType.Pointer;
        if (type.IsGenericParameter || type.IsArray)
            return null;
        if (ProgramContexts.IsContext(type) || MapTypes.IsMapFamily(type))
            return ScalarType.Pointer;
        ScalarType? primitive = type.MetadataType switch
        {
            MetadataType.Boolean or MetadataType.Byte => new ScalarType(1, false),
            MetadataType.SByte => new ScalarType(1, true),
            MetadataType.Char or MetadataType.UInt16 => new ScalarType(2, false),
            MetadataType.Int16 => new ScalarType(2, true),
            MetadataType.Int32 => new ScalarType(4, true),
            MetadataType.UInt32 => new ScalarType(4, false),
            MetadataType.Int64 => new ScalarType(8, true),
            MetadataType.UInt64 => new ScalarType(8, false),
            MetadataType.IntPtr => new ScalarType(8, true),
            MetadataType.UIntPtr => new ScalarType(8, false),
            _ => null,
        };
        if (primitive is not null || !type.IsValueType || type.IsGenericInstance)
            return primitive;
        var definition = Resolve(type);
        return definition is { IsEnum: true } ? Scalar(definition.Fields.First(field => !field.IsStatic).FieldType) : null;
    }

    public static bool IsFloatingPoint(TypeReference type) => type.MetadataType is MetadataType.Single or MetadataType.Double;

    /// <summary>Whether the type is an unmanaged struct (not a primitive or enum).</summary>
    public static bool IsStruct(TypeReference type)
    {
        if (Scalar(type) is not null || !type.IsValueType || type.IsGenericParameter)
            return false;
        return Resolve(type) is { IsValueType: true, IsEnum: false };
    }

    public int SizeOf(TypeReference type) => Scalar(type)?.Size ?? StructLayout(type).Size;

    public int AlignmentOf(TypeReference type) => Scalar(type)?.Size ?? StructLayout(type).Alignment;

    /// <summary>The offset of a field in its declaring struct.</summary>
    public int OffsetOf(FieldReference field) => OffsetOf(field.DeclaringType, field.Name);

    /// <summary>The offset of field <paramref name="name"/> in <paramref name="declaringType"/> (a generic struct instantiated).</summary>
    public int OffsetOf(TypeReference declaringType, string name) => StructLayout(declaringType).Offsets[name];

    /// <summary>A field's type inside <paramref name="owner"/>, with a generic struct's type arguments substituted.</summary>
    public static TypeReference FieldType(FieldDefinition field, TypeReference owner) => GenericContext.ForType(owner).Resolve(field.FieldType);

    /// <summary>Every scalar inside a struct (or the type itself), with its offset, for zeroing and copying.</summary>
    public IEnumerable<(int Offset, ScalarType Type)> Leaves(TypeReference type, int baseOffset = 0)
    {
        if (Scalar(type) is { } scalar)
        {
            yield return (baseOffset, scalar);
            yield break;
        }
        var definition = Resolve(type) ?? throw new UnsupportedTypeException(type);
        var layout = StructLayout(type);
        if (definition.Fields.Count(field => !field.IsStatic) == 1 && definition.ClassSize > 0 && definition.Name.Contains("FixedBuffer", StringComparison.Ordinal))
        {
            // A fixed buffer: ClassSize bytes of its element type (C#: fixed byte Name[N]).
            var element = definition.Fields.First(field => !field.IsStatic).FieldType;
            int elementSize = SizeOf(element);
            for (int offset = 0; offset + elementSize <= layout.Size; offset += elementSize)
                foreach (var leaf in Leaves(element, baseOffset + offset))
                    yield return leaf;
            yield break;
        }
        foreach (var field in definition.Fields.Where(field => !field.IsStatic))
            foreach (var leaf in Leaves(FieldType(field, type), baseOffset + layout.Offsets[field.Name]))
                yield return leaf;
    }

    private (int Size, int Alignment, Dictionary<string, int> Offsets) StructLayout(TypeReference type)
    {
        string key = type.FullName;
        if (_structs.TryGetValue(key, out var known))
            return known;
        // System.Single and System.Double are structs holding themselves: stop before recursing into them.
        if (IsFloatingPoint(type))
            throw new UnsupportedTypeException(type, type.Name);
        var definition = Resolve(type) ?? throw new UnsupportedTypeException(type);
        if (!definition.IsValueType)
            throw new UnsupportedTypeException(type);
        var offsets = new Dictionary<string, int>();
        int pack = definition.PackingSize > 0 ? definition.PackingSize : 8;
        int size = 0, alignment = 1;
        foreach (var field in definition.Fields.Where(field => !field.IsStatic))
        {
            var fieldType = FieldType(field, type);
            if (!fieldType.IsValueType && !fieldType.IsPointer && !fieldType.IsFunctionPointer || fieldType.IsGenericParameter)
                throw new UnsupportedTypeException(type);
            if (IsFloatingPoint(fieldType))
                throw new UnsupportedTypeException(type, field.Name);
            int fieldSize = SizeOf(fieldType);
            int fieldAlignment = Math.Min(AlignmentOf(fieldType), pack);
            int offset = definition.IsExplicitLayout ? field.Offset : Align(size, fieldAlignment);
            offsets[field.Name] = offset;
            size = Math.Max(size, offset + fieldSize);
            alignment = Math.Max(alignment, fieldAlignment);
        }
        size = Math.Max(Align(size, alignment), definition.ClassSize > 0 ? definition.ClassSize : 1);
        var layout = (size, alignment, offsets);
        _structs[key] = layout;
        return layout;
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static TypeDefinition? Resolve(TypeReference type)
    {
        try
        {
            return type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }
}
