namespace EbpfSharp.Object.Btf;

/// <summary>An attribute on a type, member (<paramref name="ComponentIndex"/> ≥ 0) or parameter; -1 tags the type itself.</summary>
public sealed record BtfDeclTag(int TypeId, int ComponentIndex) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.DeclTag;
}
