namespace EbpfSharp.Object.Btf;

/// <summary>An array of <paramref name="Count"/> elements; BTF-defined maps encode numbers as array lengths.</summary>
public sealed record BtfArray(int ElementTypeId, int IndexTypeId, uint Count) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Array;
}
