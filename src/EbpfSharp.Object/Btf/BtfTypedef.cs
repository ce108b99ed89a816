namespace EbpfSharp.Object.Btf;

/// <summary>A typedef naming <paramref name="TypeId"/>.</summary>
public sealed record BtfTypedef(int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Typedef;
}
