namespace EbpfSharp.Object.Btf;

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
