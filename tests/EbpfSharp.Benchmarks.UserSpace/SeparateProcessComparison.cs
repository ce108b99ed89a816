using System.Globalization;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Benchmarks.UserSpace;

/// <summary>
/// The old mode (--separate): runs each benchmark with libbpf (the C harness, a separate process), then here with
/// the same timing (rounds of fixed length after a warm-up round, best round's rate, twice as many rounds as one
/// libbpf run), then with libbpf again, and prints ours / libbpf (the better of its two runs) per row: rates, so
/// higher is better. Both run pinned to the same CPU. On a shared VM each process keeps a fast or slow state for its
/// whole life, so rows that make the same syscall can land far apart: InterleavedComparison is the default.
/// </summary>
public static class SeparateProcessComparison
{
    private sealed record Row(string Name, string LibbpfName, string What, double Ours);

    public static async Task<int> RunAsync(int roundMilliseconds, int rounds)
    {
        string? only = Environment.GetEnvironmentVariable("EBPFSHARP_USERSPACE_ONLY");
        bool Want(string name) => only is null || only.Contains(name, StringComparison.Ordinal) || name.Contains(only, StringComparison.Ordinal);
        // Both sides on one CPU: the harness processes inherit this thread's mask, so neither side gains or loses by
        // which of the machine's CPUs (and their neighbours' load) the scheduler happens to give it.
        using var pinned = CpuAffinity.PinCurrentThread(Environment.ProcessorCount > 1 ? 1 : 0);
        Console.Error.WriteLine("Building the object (clang-19) and the libbpf harness (gcc -O2 -lbpf)...");
        string harness = Native.BuildHarness();
        var libbpf = new Dictionary<string, double>();
        void Libbpf(string name)
        {
            foreach (var (key, rate) in Native.RunHarness(harness, roundMilliseconds, rounds, Workload.RingRecords, name))
                if (key == name)
                    libbpf[key] = Math.Max(rate, libbpf.GetValueOrDefault(key));
        }
        string? group = null;

        var rows = new List<Row>();
        using var work = new Workload();
        void Measure(string name, string libbpfName, string what, int per, Action body)
        {
            if (!Want(libbpfName))
                return;
            if (group != libbpfName)
            {
                if (group is not null)
                    Libbpf(group);
                Libbpf(libbpfName);
                group = libbpfName;
            }
            double best = 0;
            // libbpf's figure is the best of its two runs of `rounds` rounds each, so ours is the best of as many
            // rounds: the best of more noisy samples is higher, and the ratio should not favour either side.
            for (int round = 0; round < 2 * rounds + 1; round++)
            {
                long operations = 0;
                var stopwatch = RoundClock.Start();
                do
                {
                    for (int k = 0; k < 64; k++)
                    {
                        body();
                        operations += per;
                    }
                }
                while (stopwatch.Elapsed.TotalMilliseconds < roundMilliseconds);
                if (round > 0)
                    best = Math.Max(best, operations / stopwatch.Elapsed.TotalSeconds);
                // (RoundClock: thread CPU time unless EBPFSHARP_USERSPACE_CLOCK=wall, as in the C harness.)
            }
            rows.Add(new Row(name, libbpfName, what, best));
            Console.Error.WriteLine($"  {name}: {best:N0}");
        }

        const int N = Workload.Entries;
        Measure("hash lookup, BpfMap spans", "hash_lookup", "ops/s", 1, () => work.LookupRaw(work.Hash));
        Measure("hash lookup, BpfMap<K,V>", "hash_lookup", "ops/s", 1, () => work.LookupTyped(work.Hash));
        Measure("hash lookup, MapView", "hash_lookup", "ops/s", 1, () => work.LookupView(work.HashView));
        Measure("hash update, BpfMap spans", "hash_update", "ops/s", 1, () => work.UpdateRaw(work.Hash));
        Measure("hash update, BpfMap<K,V>", "hash_update", "ops/s", 1, () => work.UpdateTyped(work.Hash));
        Measure("hash update, MapView", "hash_update", "ops/s", 1, () => work.UpdateView(work.HashView));
        Measure("array lookup, BpfMap spans", "array_lookup", "ops/s", 1, () => work.LookupRaw(work.Array));
        Measure("array lookup, BpfMap<K,V>", "array_lookup", "ops/s", 1, () => work.LookupTyped(work.Array));
        Measure("array lookup, MapView", "array_lookup", "ops/s", 1, () => work.LookupView(work.ArrayView));
        Measure("array update, BpfMap spans", "array_update", "ops/s", 1, () => work.UpdateRaw(work.Array));
        Measure("array update, BpfMap<K,V>", "array_update", "ops/s", 1, () => work.UpdateTyped(work.Array));
        Measure("array update, MapView", "array_update", "ops/s", 1, () => work.UpdateView(work.ArrayView));
        Measure("hash update batch, spans", "hash_update_batch", "elements/s", N, () => work.UpdateBatchRaw(work.Hash));
        Measure("hash update batch, <K,V>", "hash_update_batch", "elements/s", N, () => work.UpdateBatchTyped(work.Hash));
        Measure("hash update batch, MapView", "hash_update_batch", "elements/s", N, () => work.UpdateBatchView(work.HashView));
        Measure("array update batch, spans", "array_update_batch", "elements/s", N, () => work.UpdateBatchRaw(work.Array));
        Measure("array update batch, <K,V>", "array_update_batch", "elements/s", N, () => work.UpdateBatchTyped(work.Array));
        Measure("array update batch, MapView", "array_update_batch", "elements/s", N, () => work.UpdateBatchView(work.ArrayView));
        Measure("hash lookup batch, spans", "hash_lookup_batch", "elements/s", N, () => work.LookupBatchRaw(work.Hash));
        Measure("hash lookup batch, <K,V>", "hash_lookup_batch", "elements/s", N, () => work.LookupBatchTyped(work.Hash));
        Measure("hash GetAll, MapView", "hash_lookup_batch", "elements/s", N, () => work.GetAllView(work.HashView));
        Measure("array lookup batch, spans", "array_lookup_batch", "elements/s", N, () => work.LookupBatchRaw(work.Array));
        Measure("array lookup batch, <K,V>", "array_lookup_batch", "elements/s", N, () => work.LookupBatchTyped(work.Array));
        Measure("array GetAll, MapView", "array_lookup_batch", "elements/s", N, () => work.GetAllView(work.ArrayView));
        Measure("ring buffer, ReadAllAsync<T>", "ringbuf", "events/s", Workload.RingRecords,
            () => work.RingBufferRound().AsTask().GetAwaiter().GetResult());
        Measure("object open+load", "object_load", "loads/s", 1, Workload.LoadObject);
        if (group is not null)
            Libbpf(group);

        Console.WriteLine();
        Console.WriteLine($"| {"Benchmark",-30} | {"unit",-10} | {"EbpfSharp",13} | {"libbpf",13} | {"ratio",6} |");
        Console.WriteLine($"|{new string('-', 32)}|{new string('-', 12)}|{new string('-', 15)}:|{new string('-', 15)}:|{new string('-', 7)}:|");
        int below = 0;
        foreach (var row in rows)
        {
            double theirs = libbpf.GetValueOrDefault(row.LibbpfName);
            double ratio = theirs > 0 ? row.Ours / theirs : double.NaN;
            if (ratio < 0.9)
                below++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name,-30} | {row.What,-10} | {row.Ours,13:N0} | {theirs,13:N0} | {ratio,6:F2} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"{below} of {rows.Count} rows below 0.9x libbpf ({roundMilliseconds} ms rounds, best of {rounds}, {RoundClock.Name} time).");
        return 0;
    }
}
