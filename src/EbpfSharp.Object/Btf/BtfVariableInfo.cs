namespace EbpfSharp.Object.Btf;

/// <summary>One variable placed in a data section.</summary>
/// <param name="TypeId">The VAR type.</param>
/// <param name="Offset">Byte offset in the section.</param>
/// <param name="Size">Bytes.</param>
public sealed record BtfVariableInfo(int TypeId, uint Offset, uint Size);
