namespace EbpfSharp.Object.Instructions;

/// <summary>What kind of instruction refers to a symbol outside the encoded sequence.</summary>
public enum SymbolReferenceKind
{
    /// <summary>ld_imm64 of a map, global variable or function address (R_BPF_64_64).</summary>
    Load,
    /// <summary>A BPF-to-BPF call into <c>.text</c> (R_BPF_64_32).</summary>
    Call,
}
