using EbpfSharp.Runtime;

namespace EbpfSharp.Tests.Maps.Kernel;

/// <summary>
/// Runs one seeded sequence of operations on two sides of a comparison and asserts, step by step, that both give
/// the same results and read the same values; then compares what the maps hold.
/// </summary>
internal static class MapComparison
{
    /// <summary>Random bytes.</summary>
    public static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static void Same(string step, long managed, long kernel) =>
        Assert.True(managed == kernel, $"{step}: managed {managed}, kernel {kernel}");

    public static void Same(string step, byte[] managed, byte[] kernel) =>
        Assert.True(managed.AsSpan().SequenceEqual(kernel), $"{step}: managed {Convert.ToHexString(managed)}, kernel {Convert.ToHexString(kernel)}");

    // Lookups, updates and (for maps that have them) deletes of random keys, compared step by step; returns the
    // results the updates and deletes gave, so a test can check the sequence reached the cases it is about.
    public static HashSet<long> CompareKeyedOperations(MapSide managed, MapSide kernel, Random random, Func<byte[]> nextKey,
        int valueSize, ulong[] flags, int steps, bool deletes = true)
    {
        var results = new HashSet<long>();
        for (int step = 0; step < steps; step++)
        {
            byte[] key = nextKey();
            switch (random.Next(deletes ? 3 : 2))
            {
                case 0:
                    string lookup = $"step {step}: lookup {Convert.ToHexString(key)}";
                    Same(lookup, managed.Lookup(key, out var managedValue), kernel.Lookup(key, out var kernelValue));
                    Same(lookup, managedValue, kernelValue);
                    break;
                case 1:
                    byte[] value = Bytes(random, valueSize);
                    ulong flag = flags[random.Next(flags.Length)];
                    long updated = managed.Update(key, value, flag);
                    Same($"step {step}: update {Convert.ToHexString(key)} flags {flag}", updated, kernel.Update(key, value, flag));
                    results.Add(updated);
                    break;
                default:
                    long deleted = managed.Delete(key);
                    Same($"step {step}: delete {Convert.ToHexString(key)}", deleted, kernel.Delete(key));
                    results.Add(deleted);
                    break;
            }
        }
        return results;
    }

    // The sequence produced every result the test is about, so the comparison covered those cases.
    public static void AssertReached(HashSet<long> results, params long[] expected)
    {
        var missing = expected.Where(result => !results.Contains(result)).ToArray();
        Assert.True(missing.Length == 0, $"The sequence never produced {string.Join(", ", missing)}; choose another seed or more steps.");
    }

    // Every key with its value (per-CPU maps: every CPU's), sorted by key bytes on both sides.
    public static void AssertSameContents(ProgramMap managed, BpfMap kernel)
    {
        static string[] Listing(IEnumerable<(byte[] Key, byte[] Value)> entries) =>
            entries.Select(entry => $"{Convert.ToHexString(entry.Key)}={Convert.ToHexString(entry.Value)}").Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Listing(kernel.Entries()), Listing(managed.ContentBytes()));
    }

    // Pushes (half of the steps, so the map is often full), pops and peeks; returns the push and pop results.
    public static HashSet<long> ComparePushPop(MapSide managed, MapSide kernel, Random random, int steps)
    {
        ulong[] flags = [0, 0, 0, 1, 2, 2, 3, 4];
        var results = new HashSet<long>();
        for (int step = 0; step < steps; step++)
        {
            switch (random.Next(4))
            {
                case 0 or 1:
                    byte[] value = Bytes(random, 4);
                    ulong flag = flags[random.Next(flags.Length)];
                    long pushed = managed.Push(value, flag);
                    Same($"step {step}: push flags {flag}", pushed, kernel.Push(value, flag));
                    results.Add(pushed);
                    break;
                case 2:
                    long popped = managed.Pop(out var managedValue);
                    Same($"step {step}: pop", popped, kernel.Pop(out var kernelValue));
                    results.Add(popped);
                    if (popped == 0)
                        Same($"step {step}: pop", managedValue, kernelValue);
                    break;
                default:
                    long peeked = managed.Peek(out managedValue);
                    Same($"step {step}: peek", peeked, kernel.Peek(out kernelValue));
                    if (peeked == 0)
                        Same($"step {step}: peek", managedValue, kernelValue);
                    break;
            }
        }
        return results;
    }

    // The values a host drain would pop, in order.
    public static void AssertSamePending(ProgramMap managed, BpfMap kernel)
    {
        var drained = new List<string>();
        var value = new byte[kernel.ValueSize];
        while (kernel.TryPop(value))
            drained.Add(Convert.ToHexString(value));

        Assert.Equal(drained, managed.ContentBytes().Select(entry => Convert.ToHexString(entry.Value)));
    }
}
