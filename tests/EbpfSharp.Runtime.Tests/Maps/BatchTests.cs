using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class BatchTests
{
    private const int Count = 10_000;

    [KernelFact]
    public void Ten_thousand_entries_round_trip_through_batch_update_and_lookup()
    {
        using var map = BpfMap.Create(new MapDefinition("batch", BpfMapType.Hash, 4, 8, Count));
        var keys = Enumerable.Range(0, Count).ToArray();
        var values = keys.Select(key => key * 3L).ToArray();

        map.UpdateBatch<int, long>(keys, values);

        var read = map.LookupAll<int, long>();
        Assert.Equal(Count, read.Count);
        Assert.Equal(keys, read.Select(entry => entry.Key).Order());
        Assert.All(read, entry => Assert.Equal(entry.Key * 3L, entry.Value));
    }

    [KernelFact]
    public void Batch_lookup_with_a_cursor_reads_each_entry_once_and_then_finishes()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_cursor", BpfMapType.Hash, 4, 4, 1000));
        var all = Enumerable.Range(0, 1000).ToArray();
        map.UpdateBatch<int, int>(all, all);
        var cursor = new MapBatchCursor();
        var keys = new int[64];
        var values = new int[64];
        var seen = new List<int>();

        while (!cursor.IsFinished)
        {
            int read = map.LookupBatch(cursor, keys.AsSpan(), values.AsSpan());
            for (int i = 0; i < read; i++)
            {
                Assert.Equal(keys[i], values[i]);
                seen.Add(keys[i]);
            }
        }

        Assert.Equal(all, seen.Order());
        Assert.Equal(0, map.LookupBatch(cursor, keys.AsSpan(), values.AsSpan()));
    }

    [KernelFact]
    public void Batch_lookup_with_one_entry_buffers_reports_a_crowded_bucket_as_a_limit()
    {
        // 64 keys in 64 buckets, hashed with a fixed seed: some bucket holds several, and a bucket is never split.
        using var map = BpfMap.Create(new MapDefinition("batch_bucket", BpfMapType.Hash, 4, 4, 64, BpfMapFlags.ZeroSeed));
        var all = Enumerable.Range(0, 64).ToArray();
        map.UpdateBatch<int, int>(all, all);
        var cursor = new MapBatchCursor();

        var error = Assert.Throws<BpfLimitException>(() =>
        {
            while (!cursor.IsFinished)
                map.LookupBatch(cursor, new byte[4], new byte[4]);
        });

        Assert.Contains("pass larger buffers", error.Message);
        Assert.Equal("ENOSPC", error.ErrnoName);
    }

    [KernelFact]
    public void Lookup_all_grows_its_buffers_past_crowded_buckets()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_grow", BpfMapType.Hash, 4, 4, 64, BpfMapFlags.ZeroSeed));
        var all = Enumerable.Range(0, 64).ToArray();
        map.UpdateBatch<int, int>(all, all);

        var read = map.ReadAll(BpfCommand.MapLookupBatch, initialEntries: 1);

        Assert.Equal(all, read.Select(entry => BitConverter.ToInt32(entry.Key)).Order());
    }

    [KernelFact]
    public void Batch_lookup_of_an_array_reads_every_index()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_array", BpfMapType.Array, 4, 8, 100));
        var keys = Enumerable.Range(0, 100).ToArray();
        map.UpdateBatch<int, long>(keys, keys.Select(key => (long)key << 32).ToArray());

        var read = map.LookupAll<int, long>();

        Assert.Equal(keys, read.Select(entry => entry.Key));
        Assert.All(read, entry => Assert.Equal((long)entry.Key << 32, entry.Value));
    }

    [KernelFact]
    public void Delete_batch_removes_the_given_keys_and_skips_absent_ones()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_delete", BpfMapType.Hash, 4, 4, 100));
        var all = Enumerable.Range(0, 100).ToArray();
        map.UpdateBatch<int, int>(all, all);
        int[] doomed = [.. Enumerable.Range(0, 50), 1000, 1001, .. Enumerable.Range(50, 10)];

        int deleted = map.DeleteBatch<int>(doomed);

        Assert.Equal(60, deleted);
        Assert.Equal(Enumerable.Range(60, 40), map.Keys<int>().Order());
    }

    [KernelFact]
    public void Lookup_and_delete_all_drains_a_hash_map()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_drain", BpfMapType.Hash, 4, 4, 2000));
        var all = Enumerable.Range(0, 2000).ToArray();
        map.UpdateBatch<int, int>(all, all);

        var drained = map.LookupAndDeleteAll();

        Assert.Equal(2000, drained.Count);
        Assert.Empty(map.Keys());
    }

    [KernelFact]
    public void Per_cpu_batch_values_hold_a_slot_per_cpu()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_percpu", BpfMapType.PerCpuHash, 4, 4, 16));
        int cpus = BpfMap.PossibleCpuCount;
        var keys = new byte[3 * 4];
        var values = new byte[3 * map.ValueBufferSize];
        for (int entry = 0; entry < 3; entry++)
        {
            BitConverter.TryWriteBytes(keys.AsSpan(entry * 4), entry);
            for (int cpu = 0; cpu < cpus; cpu++)
                BitConverter.TryWriteBytes(values.AsSpan(entry * map.ValueBufferSize + cpu * 8), entry * 100 + cpu);
        }

        map.UpdateBatch(keys, values);

        Assert.Equal(
            Enumerable.Range(0, cpus).Select(cpu => 200 + cpu),
            map.LookupPerCpu<int, int>(2));
        var all = map.LookupAll();
        Assert.Equal(3, all.Count);
        Assert.All(all, entry => Assert.Equal(map.ValueBufferSize, entry.Value.Length));
    }

    [KernelTheory]
    [InlineData(BpfMapType.Hash)]
    [InlineData(BpfMapType.Array)]
    public void Reading_a_full_map_in_batches_returns_every_entry_once(BpfMapType type)
    {
        using var map = BpfMap.Create(new MapDefinition("batch_full", type, 4, 8, 100));
        for (uint key = 0; key < 100; key++)
            map.Update(key, key * 3UL);

        // Batches of 32: the read stops once it has the map's 100 entries, in the fourth call.
        var all = map.ReadAll(BpfCommand.MapLookupBatch, initialEntries: 32);

        Assert.Equal(Enumerable.Range(0, 100), all.Select(entry => BitConverter.ToInt32(entry.Key)).Order());
        Assert.All(all, entry => Assert.Equal(BitConverter.ToUInt32(entry.Key) * 3UL, BitConverter.ToUInt64(entry.Value)));
    }

    [KernelFact]
    public unsafe void Two_whole_map_reads_at_once_never_share_their_buffers()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_staging", BpfMapType.Hash, 4, 8, 16));
        for (uint key = 0; key < 16; key++)
            map.Update(key, (ulong)key);
        map.LookupAll();    // leaves its buffers for the next read to reuse
        nint firstKeys = 0;
        bool shared = true;
        using var firstInside = new ManualResetEventSlim();
        using var secondDone = new ManualResetEventSlim();

        // The first read holds its batch (pinned) until the second has run entirely.
        var first = Task.Run(() =>
        {
            int unused = 0;
            map.ReadAll(BpfCommand.MapLookupBatch, ref unused, (ReadOnlySpan<byte> keys, ReadOnlySpan<byte> values, ref int state) =>
            {
                fixed (byte* pinned = keys)
                {
                    Volatile.Write(ref firstKeys, (nint)pinned);
                    firstInside.Set();
                    secondDone.Wait();
                }
            });
        });
        Assert.True(firstInside.Wait(TimeSpan.FromSeconds(30)));
        int count = 0;
        map.ReadAll(BpfCommand.MapLookupBatch, ref count, (ReadOnlySpan<byte> keys, ReadOnlySpan<byte> values, ref int seen) =>
        {
            fixed (byte* pinned = keys)
                shared = (nint)pinned == Volatile.Read(ref firstKeys);
            seen += keys.Length / 4;
        });
        secondDone.Set();
        first.Wait();

        Assert.False(shared);
        Assert.Equal(16, count);
    }

    [KernelFact]
    public void Delete_batch_on_an_array_is_not_supported()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_arr_del", BpfMapType.Array, 4, 4, 4));

        var error = Assert.Throws<BpfNotSupportedException>(() => map.DeleteBatch<int>([1]));
        Assert.Contains("batch", error.Message);
    }

    [KernelFact]
    public void Batch_lookup_of_a_queue_is_refused_as_keyless()
    {
        using var queue = BpfMap.Create(new MapDefinition("batch_queue", BpfMapType.Queue, 0, 4, 4));

        Assert.Throws<InvalidOperationException>(() => queue.LookupAll());
    }

    [KernelFact]
    public void Batch_buffers_must_hold_the_same_number_of_keys_and_values()
    {
        using var map = BpfMap.Create(new MapDefinition("batch_sizes", BpfMapType.Hash, 4, 8, 4));

        var error = Assert.Throws<ArgumentException>(() => map.UpdateBatch(new byte[8], new byte[8]));
        Assert.Contains("2 x 8 = 16 bytes", error.Message);
        Assert.Throws<ArgumentException>(() => map.LookupBatch(new MapBatchCursor(), new byte[6], new byte[8]));
    }
}
