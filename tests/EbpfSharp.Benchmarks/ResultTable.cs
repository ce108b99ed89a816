using System.Globalization;
using System.Text;

namespace EbpfSharp.Benchmarks;

/// <summary>The results as Markdown, ready to paste into docs/performance.md.</summary>
public static class ResultTable
{
    public static string Render(IReadOnlyList<PairResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| pair | insns ours | insns clang | ratio | verified ours | verified clang | ratio | JIT bytes ours/clang | ns/run ours | ns/run clang | ratio | compile ms ours | compile ms clang |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var result in results)
        {
            var (ours, clang) = (result.Ours, result.Clang);
            string kind = result.Pair.Kind switch { PairKind.RawTracepoint => " (raw_tp)", PairKind.LoadOnly => " (load only)", _ => "" };
            string mark = result.Agrees ? "" : " ⚠ disagrees";
            text.AppendLine(string.Join(" | ",
                $"| {result.Pair.Name}{kind}{mark}",
                ours.Instructions, clang.Instructions, Ratio(ours.Instructions, clang.Instructions, result.Agrees),
                ours.VerifiedInstructions, clang.VerifiedInstructions, Ratio(ours.VerifiedInstructions, clang.VerifiedInstructions, result.Agrees),
                $"{ours.JitedBytes}/{clang.JitedBytes}",
                Number(ours.NanosecondsPerRun, "F1"), Number(clang.NanosecondsPerRun, "F1"), Ratio(ours.NanosecondsPerRun, clang.NanosecondsPerRun, result.Agrees),
                Number(ours.CompileMilliseconds, "F1"), Number(clang.CompileMilliseconds, "F1")) + " |");
        }
        var agreeing = results.Where(result => result.Agrees).ToList();
        text.AppendLine();
        text.AppendLine($"Geometric means over the {agreeing.Count} agreeing pairs (ours / clang): " +
            $"instructions {Mean(agreeing, side => side.Instructions)}, " +
            $"verified_insns {Mean(agreeing, side => side.VerifiedInstructions)}, " +
            $"JIT bytes {Mean(agreeing, side => side.JitedBytes)}, " +
            $"ns/run {Mean(agreeing, side => side.NanosecondsPerRun)} (XDP pairs only).");
        return text.ToString();
    }

    // Pairs without a figure (ns/run of raw tracepoint and load-only pairs) are left out of its mean.
    private static string Mean(List<PairResult> results, Func<SideResult, double> figure) =>
        Number(Statistics.GeometricMean(results
            .Where(result => !double.IsNaN(figure(result.Ours)) && !double.IsNaN(figure(result.Clang)))
            .Select(result => figure(result.Ours) / figure(result.Clang))), "F2");

    private static string Ratio(double ours, double clang, bool agrees) =>
        double.IsNaN(ours) || double.IsNaN(clang) ? "–" : agrees ? Number(ours / clang, "F2") : "—";

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
