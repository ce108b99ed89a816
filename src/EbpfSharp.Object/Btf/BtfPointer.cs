namespace EbpfSharp.Object.Btf;

/// <summary>A pointer to <paramref name="TypeId"/>.</summary>
public sealed record BtfPointer(int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Pointer;
}
