using System.Globalization;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Benchmarks.UserSpace;

/// <summary>
/// The default comparison: per row, rounds of libbpf (c/libbpf_rounds.c loaded into this process) and rounds of ours
/// alternate on one thread pinned to one CPU, timed with the same clock (<see cref="RoundClock"/>). On a shared VM a
/// whole process runs fast or slow, so two processes do not compare; two rounds next to each other in one process do.
/// Reports each side's best round and the median of the per-pair ratios (round i ours / round i libbpf), the figure
/// that drift in machine speed moves least. Rates, so higher is better.
/// </summary>
public static class InterleavedComparison
{
    private const int WarmUpRounds = 2;

    private sealed record Row(string Name, string What, double Ours, double Libbpf, double[] PairRatios);

    public static int Run(int roundMilliseconds, int rounds)
    {
        string? only = Environment.GetEnvironmentVariable("EBPFSHARP_USERSPACE_ONLY");
        bool Want(string name) => only is null || only.Contains(name, StringComparison.Ordinal) || name.Contains(only, StringComparison.Ordinal);
        int cpu = Environment.ProcessorCount > 1 ? 1 : 0;
        using var pinned = CpuAffinity.PinCurrentThread(cpu);
        Console.Error.WriteLine("Building the object (clang-19) and the libbpf rounds library (gcc -O2 -shared -fPIC -lbpf)...");
        using var libbpf = new LibbpfRounds(Native.BuildRoundsLibrary());
        using var work = new Workload();
        // libbpf's ring buffer consumer reads its own copy of the object's ring, so the two consumers never share one.
        using var libbpfRingObject = BpfObject.Load(Native.ObjectPath);
        int libbpfEmitter = Fd(libbpfRingObject.Program("emit_events").Handle);
        nint libbpfRing = libbpf.OpenRing(Fd(libbpfRingObject.Map("events").Handle));

        var rows = new List<Row>();
        void Measure(string name, string libbpfName, string what, int per, Action ours, Action<long> theirs)
        {
            if (!Want(libbpfName))
                return;
            Action<long> oursRound = count =>
            {
                for (long n = 0; n < count; n++)
                    ours();
            };
            long oursCount = Calibrate(oursRound, roundMilliseconds);
            long theirsCount = Calibrate(theirs, roundMilliseconds);
            for (int round = 0; round < WarmUpRounds; round++)
            {
                theirsCount = Rescale(theirsCount, Time(theirs, theirsCount), roundMilliseconds);
                oursCount = Rescale(oursCount, Time(oursRound, oursCount), roundMilliseconds);
            }
            var oursRates = new double[rounds];
            var theirsRates = new double[rounds];
            var pairs = new double[rounds];
            for (int round = 0; round < rounds; round++)
            {
                theirsRates[round] = theirsCount * per / Time(theirs, theirsCount);
                oursRates[round] = oursCount * per / Time(oursRound, oursCount);
                pairs[round] = oursRates[round] / theirsRates[round];
            }
            var row = new Row(name, what, oursRates.Max(), theirsRates.Max(), pairs);
            rows.Add(row);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {row.Ours:N0} vs {row.Libbpf:N0}, median pair {Quantile(pairs, 0.5):F3}"));
        }

        const int N = Workload.Entries;
        int hash = Fd(work.Hash.Handle), array = Fd(work.Array.Handle);
        Measure("hash lookup, BpfMap spans", "hash_lookup", "ops/s", 1, () => work.LookupRaw(work.Hash), n => libbpf.Lookup(hash, n));
        Measure("hash lookup, BpfMap<K,V>", "hash_lookup", "ops/s", 1, () => work.LookupTyped(work.Hash), n => libbpf.Lookup(hash, n));
        Measure("hash lookup, MapView", "hash_lookup", "ops/s", 1, () => work.LookupView(work.HashView), n => libbpf.Lookup(hash, n));
        Measure("hash update, BpfMap spans", "hash_update", "ops/s", 1, () => work.UpdateRaw(work.Hash), n => libbpf.Update(hash, n));
        Measure("hash update, BpfMap<K,V>", "hash_update", "ops/s", 1, () => work.UpdateTyped(work.Hash), n => libbpf.Update(hash, n));
        Measure("hash update, MapView", "hash_update", "ops/s", 1, () => work.UpdateView(work.HashView), n => libbpf.Update(hash, n));
        Measure("array lookup, BpfMap spans", "array_lookup", "ops/s", 1, () => work.LookupRaw(work.Array), n => libbpf.Lookup(array, n));
        Measure("array lookup, BpfMap<K,V>", "array_lookup", "ops/s", 1, () => work.LookupTyped(work.Array), n => libbpf.Lookup(array, n));
        Measure("array lookup, MapView", "array_lookup", "ops/s", 1, () => work.LookupView(work.ArrayView), n => libbpf.Lookup(array, n));
        Measure("array update, BpfMap spans", "array_update", "ops/s", 1, () => work.UpdateRaw(work.Array), n => libbpf.Update(array, n));
        Measure("array update, BpfMap<K,V>", "array_update", "ops/s", 1, () => work.UpdateTyped(work.Array), n => libbpf.Update(array, n));
        Measure("array update, MapView", "array_update", "ops/s", 1, () => work.UpdateView(work.ArrayView), n => libbpf.Update(array, n));
        Measure("hash update batch, spans", "hash_update_batch", "elements/s", N, () => work.UpdateBatchRaw(work.Hash), n => libbpf.UpdateBatch(hash, n));
        Measure("hash update batch, <K,V>", "hash_update_batch", "elements/s", N, () => work.UpdateBatchTyped(work.Hash), n => libbpf.UpdateBatch(hash, n));
        Measure("hash update batch, MapView", "hash_update_batch", "elements/s", N, () => work.UpdateBatchView(work.HashView), n => libbpf.UpdateBatch(hash, n));
        Measure("array update batch, spans", "array_update_batch", "elements/s", N, () => work.UpdateBatchRaw(work.Array), n => libbpf.UpdateBatch(array, n));
        Measure("array update batch, <K,V>", "array_update_batch", "elements/s", N, () => work.UpdateBatchTyped(work.Array), n => libbpf.UpdateBatch(array, n));
        Measure("array update batch, MapView", "array_update_batch", "elements/s", N, () => work.UpdateBatchView(work.ArrayView), n => libbpf.UpdateBatch(array, n));
        Measure("hash lookup batch, spans", "hash_lookup_batch", "elements/s", N, () => work.LookupBatchRaw(work.Hash), n => libbpf.LookupBatch(hash, n));
        Measure("hash lookup batch, <K,V>", "hash_lookup_batch", "elements/s", N, () => work.LookupBatchTyped(work.Hash), n => libbpf.LookupBatch(hash, n));
        Measure("hash GetAll, MapView", "hash_lookup_batch", "elements/s", N, () => work.GetAllView(work.HashView), n => libbpf.LookupBatch(hash, n));
        Measure("array lookup batch, spans", "array_lookup_batch", "elements/s", N, () => work.LookupBatchRaw(work.Array), n => libbpf.LookupBatch(array, n));
        Measure("array lookup batch, <K,V>", "array_lookup_batch", "elements/s", N, () => work.LookupBatchTyped(work.Array), n => libbpf.LookupBatch(array, n));
        Measure("array GetAll, MapView", "array_lookup_batch", "elements/s", N, () => work.GetAllView(work.ArrayView), n => libbpf.LookupBatch(array, n));
        Measure("ring buffer, ReadAllAsync<T>", "ringbuf", "events/s", Workload.RingRecords,
            () => work.RingBufferRound().AsTask().GetAwaiter().GetResult(),
            n => libbpf.Ring(libbpfRing, libbpfEmitter, Workload.RingRecords, n));
        Measure("object open+load", "object_load", "loads/s", 1, Workload.LoadObject, libbpf.ObjectLoad);
        libbpf.CloseRing(libbpfRing);

        Console.WriteLine();
        Console.WriteLine($"| {"Benchmark",-30} | {"unit",-10} | {"EbpfSharp",13} | {"libbpf",13} | {"ratio of bests",14} | {"median pair ratio",17} | {"pair ratios p25-p75",19} |");
        Console.WriteLine($"|{new string('-', 32)}|{new string('-', 12)}|{new string('-', 14)}:|{new string('-', 14)}:|{new string('-', 15)}:|{new string('-', 18)}:|{new string('-', 20)}:|");
        int below = 0;
        foreach (var row in rows)
        {
            // Three decimals: the single-element rows sit near 0.9, and two would show 0.90 for a row counted below.
            double median = Quantile(row.PairRatios, 0.5);
            if (median < 0.9)
                below++;
            string spread = string.Create(CultureInfo.InvariantCulture, $"{Quantile(row.PairRatios, 0.25):F2}-{Quantile(row.PairRatios, 0.75):F2}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name,-30} | {row.What,-10} | {row.Ours,13:N0} | {row.Libbpf,13:N0} | {row.Ours / row.Libbpf,14:F2} | {median,17:F3} | {spread,19} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"{below} of {rows.Count} rows below 0.9x libbpf by the median pair ratio ({rounds} interleaved pairs of "
            + $"~{roundMilliseconds} ms rounds after {WarmUpRounds} warm-up rounds a side, in process, pinned to CPU {cpu}, {RoundClock.Name} time).");
        return 0;
    }

    private static int Fd(BpfFileDescriptor handle) => (int)handle.DangerousGetHandle();

    /// <summary>Seconds that <paramref name="count"/> operations take.</summary>
    private static double Time(Action<long> round, long count)
    {
        var clock = RoundClock.Start();
        round(count);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Doubles the count from 1 until a round takes an eighth of the target, then scales it to the target.</summary>
    private static long Calibrate(Action<long> round, int roundMilliseconds)
    {
        for (long count = 1; ; count *= 2)
        {
            double seconds = Time(round, count);
            if (seconds * 1000 >= roundMilliseconds / 8.0)
                return Rescale(count, seconds, roundMilliseconds);
        }
    }

    private static long Rescale(long count, double seconds, int roundMilliseconds) =>
        Math.Max(1, (long)(count * roundMilliseconds / (seconds * 1000)));

    /// <summary>Linear interpolation between the closest ranks.</summary>
    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int below = (int)position;
        return below + 1 < sorted.Length ? sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
    }
}
