namespace EbpfSharp.Object.Btf;

/// <summary>
/// One BTF type record. Types refer to each other by id: id <c>n</c> is the n-th type of the
/// <see cref="BtfSection"/> (1-based) and id 0 is void. Records compare by value.
/// </summary>
public abstract record BtfType
{
    /// <summary>The type's name; empty for anonymous types and for kinds that have none.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The kind stored in the info word.</summary>
    public abstract BtfKind Kind { get; }
}

/// <summary>An integer type: <c>int</c>, <c>unsigned char</c>, <c>_Bool</c>.</summary>
/// <param name="Size">Bytes: 1, 2, 4, 8 or 16.</param>
/// <param name="Encoding">Signedness and pretty-printing hints.</param>
/// <param name="BitOffset">Bit offset of the value inside the storage (0 for ordinary integers).</param>
/// <param name="Bits">The number of value bits (Size × 8 for ordinary integers).</param>
public sealed record BtfInt(uint Size, BtfIntEncoding Encoding, byte BitOffset, byte Bits) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Int;
}

/// <summary>A pointer to <paramref name="TypeId"/>.</summary>
public sealed record BtfPointer(int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Pointer;
}

/// <summary>An array of <paramref name="Count"/> elements; BTF-defined maps encode numbers as array lengths.</summary>
public sealed record BtfArray(int ElementTypeId, int IndexTypeId, uint Count) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Array;
}

/// <summary>One member of a struct or union. <paramref name="BitOffset"/> counts bits from the start.</summary>
/// <param name="Name">The member name (empty for anonymous members).</param>
/// <param name="TypeId">The member's type.</param>
/// <param name="BitOffset">Bit offset from the start of the struct.</param>
/// <param name="BitfieldSize">Width of a bitfield in bits, or 0 (meaningful when the struct has kind_flag).</param>
public sealed record BtfMember(string Name, int TypeId, uint BitOffset, byte BitfieldSize = 0);

/// <summary>A struct or union.</summary>
/// <param name="Size">Bytes.</param>
/// <param name="Members">The members in order.</param>
/// <param name="IsUnion">Whether this is a union (BTF_KIND_UNION).</param>
/// <param name="HasBitfieldSizes">kind_flag: member offsets carry a bitfield size in their top 8 bits.</param>
public sealed record BtfStruct(uint Size, EquatableArray<BtfMember> Members, bool IsUnion = false, bool HasBitfieldSizes = false) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => IsUnion ? BtfKind.Union : BtfKind.Struct;
}

/// <summary>One enumerator.</summary>
public sealed record BtfEnumValue(string Name, long Value);

/// <summary>An enum (BTF_KIND_ENUM with 32-bit values, or BTF_KIND_ENUM64).</summary>
/// <param name="Size">Bytes: 1, 2, 4 or 8.</param>
/// <param name="Values">The enumerators.</param>
/// <param name="IsSigned">kind_flag: values are signed.</param>
/// <param name="Is64">Whether the record is ENUM64, with 64-bit values.</param>
public sealed record BtfEnum(uint Size, EquatableArray<BtfEnumValue> Values, bool IsSigned = false, bool Is64 = false) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => Is64 ? BtfKind.Enum64 : BtfKind.Enum;
}

/// <summary>A forward declaration of a struct or union.</summary>
public sealed record BtfForward(bool IsUnion) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Forward;
}

/// <summary>A typedef naming <paramref name="TypeId"/>.</summary>
public sealed record BtfTypedef(int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Typedef;
}

/// <summary>A <c>volatile</c>, <c>const</c> or <c>restrict</c> qualifier on <paramref name="TypeId"/>.</summary>
public sealed record BtfQualifier(BtfKind Qualifier, int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => Qualifier is BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
        ? Qualifier
        : throw new InvalidOperationException($"{Qualifier} is not a qualifier kind.");
}

/// <summary>A function: its name, prototype and linkage.</summary>
public sealed record BtfFunction(int ProtoTypeId, BtfFunctionLinkage Linkage) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Function;
}

/// <summary>One parameter of a function prototype; a trailing (empty name, type 0) parameter means varargs.</summary>
public sealed record BtfParameter(string Name, int TypeId);

/// <summary>A function prototype (anonymous).</summary>
public sealed record BtfFunctionProto(int ReturnTypeId, EquatableArray<BtfParameter> Parameters) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.FunctionProto;
}

/// <summary>A variable: a map or global in a data section.</summary>
public sealed record BtfVariable(int TypeId, BtfVariableLinkage Linkage) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Variable;
}

/// <summary>One variable placed in a data section.</summary>
/// <param name="TypeId">The VAR type.</param>
/// <param name="Offset">Byte offset in the section.</param>
/// <param name="Size">Bytes.</param>
public sealed record BtfVariableInfo(int TypeId, uint Offset, uint Size);

/// <summary>A data section (<c>.maps</c>, <c>.data</c>, <c>.rodata</c>, <c>.bss</c>) and the variables in it.</summary>
public sealed record BtfDataSection(uint Size, EquatableArray<BtfVariableInfo> Variables) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.DataSection;
}

/// <summary>A floating-point type.</summary>
public sealed record BtfFloat(uint Size) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Float;
}

/// <summary>An attribute on a type, member (<paramref name="ComponentIndex"/> ≥ 0) or parameter; -1 tags the type itself.</summary>
public sealed record BtfDeclTag(int TypeId, int ComponentIndex) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.DeclTag;
}

/// <summary>An attribute on a pointee type (<c>__user</c>, <c>__percpu</c>).</summary>
public sealed record BtfTypeTag(int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.TypeTag;
}
