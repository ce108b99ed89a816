namespace EbpfSharp.Benchmarks;

/// <summary>One row of the table; <paramref name="Disagreements"/> lists packets where the twins differ.</summary>
public sealed record PairResult(BenchmarkPair Pair, SideResult Ours, SideResult Clang, IReadOnlyList<string> Disagreements)
{
    public bool Agrees => Disagreements.Count == 0;
}
