namespace EbpfSharp.Compiler.Import;

/// <summary>The IL evaluation stack's types (ECMA-335 III.1.1) that programs can hold.</summary>
internal enum StackKind
{
    Int32,
    Int64,
    /// <summary>native int, unmanaged pointers and managed references (all 64-bit registers).</summary>
    NativeInt,
    /// <summary>An address of a promoted local, a struct in memory, or a string literal: not a register value.</summary>
    Special,
}
