namespace EbpfSharp.Compiler.Metadata;

/// <summary>How a scalar C# type lives in a register and in memory.</summary>
/// <param name="Size">Bytes in memory: 1, 2, 4 or 8.</param>
/// <param name="Signed">Whether loads sign-extend.</param>
internal readonly record struct ScalarType(int Size, bool Signed)
{
    /// <summary>64-bit in a register (long, ulong, pointers); otherwise a zero-extended 32-bit value.</summary>
    public bool Wide => Size == 8;

    public static ScalarType Pointer => new(8, false);
}
