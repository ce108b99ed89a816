namespace EbpfSharp.Object.Btf;

/// <summary>A function: its name, prototype and linkage.</summary>
public sealed record BtfFunction(int ProtoTypeId, BtfFunctionLinkage Linkage) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Function;
}
