namespace EbpfSharp.Object.Btf;

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
