namespace EbpfSharp.Compiler;

/// <summary>The eBPF instruction set version the compiler targets (like clang's <c>-mcpu</c>).</summary>
public enum IsaVersion
{
    /// <summary>v2: adds jlt/jle/jslt/jsle to v1; no 32-bit jumps.</summary>
    V2 = 2,
    /// <summary>v3 (default): 32-bit jumps and atomics; what clang -mcpu=v3 emits.</summary>
    V3 = 3,
    /// <summary>v4: sign-extending loads and moves, signed division, byte swaps, gotol (kernel 6.6).</summary>
    V4 = 4,
}
