namespace EbpfSharp.Object.Btf;

/// <summary>A floating-point type.</summary>
public sealed record BtfFloat(uint Size) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Float;
}
