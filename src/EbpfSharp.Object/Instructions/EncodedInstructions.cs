namespace EbpfSharp.Object.Instructions;

/// <summary>The bytes of an encoded sequence and the symbols it refers to outside itself.</summary>
/// <param name="Bytes">8 bytes per slot, little-endian.</param>
/// <param name="References">Symbols the object writer must relocate, with the byte offset of each instruction.</param>
public sealed record EncodedInstructions(byte[] Bytes, IReadOnlyList<SymbolReference> References);
