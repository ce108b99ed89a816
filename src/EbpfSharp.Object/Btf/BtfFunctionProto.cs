namespace EbpfSharp.Object.Btf;

/// <summary>A function prototype (anonymous).</summary>
public sealed record BtfFunctionProto(int ReturnTypeId, EquatableArray<BtfParameter> Parameters) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.FunctionProto;
}
