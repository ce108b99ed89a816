using EbpfSharp.Runtime;

namespace EbpfSharp.Benchmarks;

/// <summary>Checks that two loaded twins agree on every packet, then times both under BPF_PROG_TEST_RUN.</summary>
public sealed class PairRunner(IReadOnlyList<byte[]> packets, IReadOnlyList<byte[]> timed, uint repeat, int rounds)
{
    /// <summary>Packets on which the verdicts or output bytes differ, described for the report.</summary>
    public List<string> Disagreements(BpfProgram ours, BpfProgram clang)
    {
        var found = new List<string>();
        for (int i = 0; i < packets.Count; i++)
        {
            var a = ours.TestRun(new TestRunOptions { Data = packets[i] });
            var b = clang.TestRun(new TestRunOptions { Data = packets[i] });
            if (a.ReturnValue != b.ReturnValue)
                found.Add($"packet {i} ({packets[i].Length} bytes): verdict ours {a.ReturnValue}, clang {b.ReturnValue}");
            else if (!a.DataOut.AsSpan().SequenceEqual(b.DataOut))
                found.Add($"packet {i} ({packets[i].Length} bytes): verdict {a.ReturnValue} but output differs at byte {FirstDifference(a.DataOut, b.DataOut)}");
        }
        return found;
    }

    /// <summary>
    /// Mean ns per run over the well-formed frames, one test run of <c>repeat</c> repetitions per packet; the two
    /// programs alternate packet by packet so drift in the machine hits both alike. Median over rounds.
    /// </summary>
    public (double Ours, double Clang) NanosecondsPerRun(BpfProgram ours, BpfProgram clang)
    {
        var oursRounds = new List<double>();
        var clangRounds = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            double oursTotal = 0, clangTotal = 0;
            foreach (var packet in timed)
            {
                oursTotal += ours.TestRun(new TestRunOptions { Data = packet, Repeat = repeat }).DurationNanoseconds;
                clangTotal += clang.TestRun(new TestRunOptions { Data = packet, Repeat = repeat }).DurationNanoseconds;
            }
            oursRounds.Add(oursTotal / timed.Count);
            clangRounds.Add(clangTotal / timed.Count);
        }
        return (Statistics.Median(oursRounds), Statistics.Median(clangRounds));
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
