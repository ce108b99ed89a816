namespace EbpfSharp.Object.Btf;

/// <summary>An attribute on a pointee type (<c>__user</c>, <c>__percpu</c>).</summary>
public sealed record BtfTypeTag(int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.TypeTag;
}
