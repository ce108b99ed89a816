using EbpfSharp.Runtime;

namespace EbpfSharp.Benchmarks;

/// <summary>One loaded side of a pair: the object (for its maps) and the program.</summary>
public sealed record Twin(BpfObject Object, BpfProgram Program, bool IsOurs)
{
    public BpfMap Map(MapPair pair) => Object.Map(IsOurs ? pair.Ours : pair.Clang);
}

/// <summary>Checks that two loaded twins agree (verdicts, output bytes, map contents), then times both under BPF_PROG_TEST_RUN.</summary>
public sealed class PairRunner(IReadOnlyList<byte[]> packets, IReadOnlyList<byte[]> timed, uint repeat, int rounds)
{
    /// <summary>
    /// Runs both on every input (packets, or contexts for raw tracepoints) from freshly reset maps; lists the
    /// inputs on which the verdicts (return values) or output bytes differ, then every difference in the maps.
    /// </summary>
    public List<string> Disagreements(BenchmarkPair pair, Twin ours, Twin clang) => Disagreements(pair, ours, clang, out _);

    /// <summary>The same; <paramref name="coverage"/> says what was exercised (verdict counts, map sizes), for the progress output.</summary>
    public List<string> Disagreements(BenchmarkPair pair, Twin ours, Twin clang, out string coverage)
    {
        var found = new List<string>();
        var verdicts = new SortedDictionary<uint, int>();
        coverage = "load only";
        if (pair.Kind == PairKind.LoadOnly)
            return found;
        Reset(pair, ours);
        Reset(pair, clang);
        if (pair.Kind == PairKind.RawTracepoint)
        {
            for (int i = 0; i < pair.Contexts.Count; i++)
            {
                var options = new TestRunOptions { Context = pair.Contexts[i] };
                uint a = ours.Program.TestRun(options).ReturnValue, b = clang.Program.TestRun(options).ReturnValue;
                verdicts[a] = verdicts.GetValueOrDefault(a) + 1;
                if (a != b)
                    found.Add($"context {i} ({Convert.ToHexString(pair.Contexts[i])}): returned ours {a}, clang {b}");
            }
        }
        else
        {
            for (int i = 0; i < packets.Count; i++)
            {
                var a = ours.Program.TestRun(new TestRunOptions { Data = packets[i] });
                var b = clang.Program.TestRun(new TestRunOptions { Data = packets[i] });
                verdicts[a.ReturnValue] = verdicts.GetValueOrDefault(a.ReturnValue) + 1;
                if (a.ReturnValue != b.ReturnValue)
                    found.Add($"packet {i} ({packets[i].Length} bytes): verdict ours {a.ReturnValue}, clang {b.ReturnValue}");
                else if (!a.DataOut.AsSpan().SequenceEqual(b.DataOut))
                    found.Add($"packet {i} ({packets[i].Length} bytes): verdict {a.ReturnValue} but output differs at byte {FirstDifference(a.DataOut, b.DataOut)}");
            }
        }
        var sizes = new List<string>();
        foreach (var map in pair.Maps)
        {
            var (a, b) = (MapState.Snapshot(ours.Map(map), map), MapState.Snapshot(clang.Map(map), map));
            found.AddRange(MapState.Compare(map.Ours, a, b));
            sizes.Add($"{map.Ours} {a.Count(line => !line.EndsWith(" = " + new string('0', line.Length - line.IndexOf(" = ") - 3), StringComparison.Ordinal))} non-zero entries");
        }
        coverage = $"returns {string.Join(", ", verdicts.Select(item => $"{item.Key}×{item.Value}"))}" + (sizes.Count > 0 ? $"; {string.Join(", ", sizes)}" : "");
        return found;
    }

    /// <summary>
    /// Mean ns per run over the well-formed frames, one test run of <c>repeat</c> repetitions per packet (maps
    /// reset before each, outside the timing); the two programs alternate packet by packet so drift in the
    /// machine hits both alike. Median over rounds. NaN for pairs that are not XDP.
    /// </summary>
    public (double Ours, double Clang) NanosecondsPerRun(BenchmarkPair pair, Twin ours, Twin clang)
    {
        if (pair.Kind != PairKind.Xdp)
            return (double.NaN, double.NaN);
        var oursRounds = new List<double>();
        var clangRounds = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            double oursTotal = 0, clangTotal = 0;
            foreach (var packet in timed)
            {
                Reset(pair, ours);
                oursTotal += ours.Program.TestRun(new TestRunOptions { Data = packet, Repeat = repeat }).DurationNanoseconds;
                Reset(pair, clang);
                clangTotal += clang.Program.TestRun(new TestRunOptions { Data = packet, Repeat = repeat }).DurationNanoseconds;
            }
            oursRounds.Add(oursTotal / timed.Count);
            clangRounds.Add(clangTotal / timed.Count);
        }
        return (Statistics.Median(oursRounds), Statistics.Median(clangRounds));
    }

    private static void Reset(BenchmarkPair pair, Twin twin)
    {
        foreach (var map in pair.Maps)
            MapState.Reset(twin.Map(map), map);
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        int common = Math.Min(a.Length, b.Length);
        for (int i = 0; i < common; i++)
            if (a[i] != b[i])
                return i;
        return common;
    }
}
