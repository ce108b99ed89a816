namespace EbpfSharp.Object.Btf;

/// <summary>A <c>volatile</c>, <c>const</c> or <c>restrict</c> qualifier on <paramref name="TypeId"/>.</summary>
public sealed record BtfQualifier(BtfKind Qualifier, int TypeId) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => Qualifier is BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
        ? Qualifier
        : throw new InvalidOperationException($"{Qualifier} is not a qualifier kind.");
}
