namespace EbpfSharp.Object.Btf;

/// <summary>A variable: a map or global in a data section.</summary>
public sealed record BtfVariable(int TypeId, BtfVariableLinkage Linkage) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Variable;
}
