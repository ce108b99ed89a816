namespace EbpfSharp.Compiler.Diagnostics;

/// <summary>A place in the user's C#, from the portable PDB's sequence points.</summary>
/// <param name="FilePath">The source file as recorded in the PDB.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string FilePath, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{FilePath}({Line},{Column})";
}
