namespace EbpfSharp.Object.Btf;

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
