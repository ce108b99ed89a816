namespace EbpfSharp.Object.Instructions;

/// <summary>An instruction at <paramref name="ByteOffset"/> that refers to <paramref name="Symbol"/>.</summary>
public sealed record SymbolReference(int ByteOffset, string Symbol, SymbolReferenceKind Kind);
