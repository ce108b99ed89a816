namespace EbpfSharp.Object.Btf;

/// <summary>A data section (<c>.maps</c>, <c>.data</c>, <c>.rodata</c>, <c>.bss</c>) and the variables in it.</summary>
public sealed record BtfDataSection(uint Size, EquatableArray<BtfVariableInfo> Variables) : BtfType
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.DataSection;
}
