namespace EbpfSharp.Object.Btf;

/// <summary>A forward declaration of a struct or union.</summary>
public sealed record BtfForward(bool IsUnion) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Forward;
}
