using EbpfSharp.Runtime;

namespace EbpfSharp.Benchmarks;

/// <summary>How a pair is exercised.</summary>
public enum PairKind
{
    /// <summary>XDP: test runs over the packet set (verdicts, output bytes, maps) and timed test runs.</summary>
    Xdp,

    /// <summary>Raw tracepoint: test runs with <see cref="BenchmarkPair.Contexts"/> (return values, maps); not timed (the kernel has no repeat for raw_tp).</summary>
    RawTracepoint,

    /// <summary>Loaded and verified only (tracepoints, kprobes cannot be test-run): the instruction columns.</summary>
    LoadOnly,
}

/// <summary>A C# program and its C twin of the same meaning.</summary>
/// <param name="Name">The row's name in the table.</param>
/// <param name="CSharpClass">The class holding the one program method.</param>
/// <param name="CFile">The twin's file name under Programs/c.</param>
/// <param name="CFunction">The twin's program (function) name.</param>
public sealed record BenchmarkPair(string Name, Type CSharpClass, string CFile, string CFunction)
{
    public PairKind Kind { get; init; } = PairKind.Xdp;

    /// <summary>The maps to reset before each run and compare after the checked runs.</summary>
    public IReadOnlyList<MapPair> Maps { get; init; } = [];

    /// <summary>For <see cref="PairKind.RawTracepoint"/>: the contexts (the tracepoint's arguments as u64s) to run on.</summary>
    public IReadOnlyList<byte[]> Contexts { get; init; } = [];
}

/// <summary>One map of a pair, by its name on each side.</summary>
/// <param name="Ours">The C# field's name.</param>
/// <param name="Clang">The C variable's name.</param>
public sealed record MapPair(string Ours, string Clang)
{
    /// <summary>Fills the map after each reset (the same on both sides), e.g. a drop list.</summary>
    public Action<BpfMap>? Seed { get; init; }

    /// <summary>Leading value bytes not compared (a timestamp that differs between the twins by nature).</summary>
    public int IgnoredValuePrefix { get; init; }
}
