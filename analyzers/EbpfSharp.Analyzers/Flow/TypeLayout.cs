using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>
/// Sizes and field offsets of unmanaged types as the flow rules need them. Roslyn does not expose the layout of
/// metadata types (<c>Pack</c>, <c>Size</c>), so each question is answered with the bound that keeps a rule quiet:
/// <see cref="PackedSize"/> (no padding) is never more than the real size, <see cref="NaturalSize"/> (natural
/// alignment) is never less for sequential structs, and <see cref="ExactSize"/> answers only when both agree.
/// </summary>
internal static class TypeLayout
{
    /// <summary>The size when padding cannot change it (packed and natural layouts agree), else null.</summary>
    public static long? ExactSize(ITypeSymbol type)
    {
        var packed = PackedSize(type);
        var natural = NaturalSize(type);
        return packed is { } p && natural is { } n && p == n && !HasExplicitLayout(type) ? p : null;
    }

    /// <summary>A lower bound of the size: the fields' sizes without padding.</summary>
    public static long? PackedSize(ITypeSymbol type) => Size(type, natural: false, depth: 0);

    /// <summary>An upper bound of the size of a sequential struct: natural alignment everywhere.</summary>
    public static long? NaturalSize(ITypeSymbol type) => Size(type, natural: true, depth: 0);

    /// <summary>A lower bound of a field's offset in its struct (the sizes of the fields before it, without padding).</summary>
    public static long? PackedOffset(IFieldSymbol field)
    {
        if (field.ContainingType is not { TypeKind: TypeKind.Struct } container || HasExplicitLayout(container))
            return null;
        long offset = 0;
        foreach (var member in InstanceFields(container))
        {
            if (SymbolEqualityComparer.Default.Equals(member, field.OriginalDefinition) || SymbolEqualityComparer.Default.Equals(member, field))
                return offset;
            if (FieldSize(member, natural: false, depth: 1) is not { } size)
                return null;
            offset += size;
        }
        return null;
    }

    /// <summary>The bytes a field occupies (a fixed buffer: all its elements), as a lower bound.</summary>
    public static long? FieldSize(IFieldSymbol field) => FieldSize(field, natural: false, depth: 0);

    private static long? FieldSize(IFieldSymbol field, bool natural, int depth)
    {
        if (field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer)
            return Size(pointer.PointedAtType, natural, depth + 1) is { } element ? element * field.FixedSize : null;
        return Size(field.Type, natural, depth + 1);
    }

    private static long? Alignment(ITypeSymbol type, int depth)
    {
        if (depth > 8)
            return null;
        if (Primitive(type) is { } size)
            return size;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Struct } structure)
        {
            long alignment = 1;
            foreach (var field in InstanceFields(structure))
            {
                var fieldType = field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer ? pointer.PointedAtType : field.Type;
                if (Alignment(fieldType, depth + 1) is not { } inner)
                    return null;
                alignment = Math.Max(alignment, inner);
            }
            return alignment;
        }
        return null;
    }

    private static long? Size(ITypeSymbol type, bool natural, int depth)
    {
        if (depth > 8)
            return null;
        if (Primitive(type) is { } size)
            return size;
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } structure || HasExplicitLayout(structure))
            return null;
        long offset = 0;
        long alignment = 1;
        foreach (var field in InstanceFields(structure))
        {
            if (FieldSize(field, natural, depth) is not { } fieldSize)
                return null;
            if (natural)
            {
                var fieldType = field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer ? pointer.PointedAtType : field.Type;
                if (Alignment(fieldType, depth + 1) is not { } fieldAlignment)
                    return null;
                alignment = Math.Max(alignment, fieldAlignment);
                offset = (offset + fieldAlignment - 1) / fieldAlignment * fieldAlignment;
            }
            offset += fieldSize;
        }
        if (offset == 0)
            return 1;   // an empty struct still takes a byte
        return natural ? (offset + alignment - 1) / alignment * alignment : offset;
    }

    private static long? Primitive(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Pointer)
            return 8;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
            return Primitive(underlying);
        return type.SpecialType switch
        {
            SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
            SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Char => 2,
            SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
            SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double => 8,
            SpecialType.System_IntPtr or SpecialType.System_UIntPtr => 8,
            _ => null,
        };
    }

    private static System.Collections.Generic.IEnumerable<IFieldSymbol> InstanceFields(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Where(field => !field.IsStatic && !field.IsConst);

    private static bool HasExplicitLayout(ITypeSymbol type) =>
        type.GetAttributes().Any(attribute => attribute.AttributeClass?.Name == "StructLayoutAttribute"
            && (attribute.ConstructorArguments.FirstOrDefault().Value is 2 /* Explicit */
                || attribute.NamedArguments.Any(argument => argument.Key == "Size")))
        || type.GetMembers().OfType<IFieldSymbol>().Any(field => field.GetAttributes().Any(attribute => attribute.AttributeClass?.Name == "FieldOffsetAttribute"));
}
