namespace EbpfSharp.Benchmarks;

/// <summary>What one side of a pair (ours or clang's) measured.</summary>
/// <param name="Instructions">Instructions as loaded (a 64-bit immediate load counts as two).</param>
/// <param name="VerifiedInstructions">The verifier's processed instructions (verified_insns).</param>
/// <param name="JitedBytes">Bytes of JIT-compiled machine code.</param>
/// <param name="NanosecondsPerRun">Median over rounds of the mean ns per run across the packet set.</param>
/// <param name="CompileMilliseconds">Build time per object (see docs/performance.md for what is timed).</param>
public sealed record SideResult(int Instructions, int VerifiedInstructions, int JitedBytes, double NanosecondsPerRun, double CompileMilliseconds);
