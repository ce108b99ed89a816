using System.Text;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>Compares map contents read from the CLR and the kernel, and describes a difference with both sides in hex.</summary>
public static class MapContents
{
    // Listings longer than this show only the entries that differ.
    private const int FullListingLimit = 48;

    /// <summary>Compares key/value entries regardless of order (both sides sorted by key bytes); null when equal.</summary>
    public static string? CompareEntries(string map, IEnumerable<(byte[] Key, byte[] Value)> clr, IEnumerable<(byte[] Key, byte[] Value)> kernel)
    {
        var expected = Sorted(clr);
        var actual = Sorted(kernel);
        if (expected.Count == actual.Count && expected.Zip(actual).All(pair => Same(pair.First, pair.Second)))
            return null;
        var text = new StringBuilder($"map '{map}': the CLR has {expected.Count} entries, the kernel {actual.Count}");
        if (expected.Count + actual.Count <= FullListingLimit)
        {
            text.Append("\n  CLR:").Append(Listing(expected));
            text.Append("\n  kernel:").Append(Listing(actual));
        }
        else
        {
            var onlyClr = expected.Where(entry => !actual.Any(other => Same(entry, other))).ToList();
            var onlyKernel = actual.Where(entry => !expected.Any(other => Same(entry, other))).ToList();
            text.Append($"; entries that differ (of {expected.Count} and {actual.Count}):");
            text.Append("\n  CLR only:").Append(Listing(onlyClr.Take(FullListingLimit / 2)));
            text.Append("\n  kernel only:").Append(Listing(onlyKernel.Take(FullListingLimit / 2)));
        }
        return text.ToString();
    }

    /// <summary>Compares value sequences in order (queues, stacks, events); null when equal.</summary>
    public static string? CompareValues(string map, IReadOnlyList<byte[]> clr, IReadOnlyList<byte[]> kernel)
    {
        if (clr.Count == kernel.Count && clr.Zip(kernel).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second)))
            return null;
        return $"map '{map}': the CLR has {clr.Count} values, the kernel {kernel.Count}" +
            $"\n  CLR:    {string.Join(" ", clr.Take(FullListingLimit).Select(Convert.ToHexString))}" +
            $"\n  kernel: {string.Join(" ", kernel.Take(FullListingLimit).Select(Convert.ToHexString))}";
    }

    private static List<(byte[] Key, byte[] Value)> Sorted(IEnumerable<(byte[] Key, byte[] Value)> entries) =>
        [.. entries.OrderBy(entry => entry.Key, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))];

    private static bool Same((byte[] Key, byte[] Value) a, (byte[] Key, byte[] Value) b) =>
        a.Key.AsSpan().SequenceEqual(b.Key) && a.Value.AsSpan().SequenceEqual(b.Value);

    private static string Listing(IEnumerable<(byte[] Key, byte[] Value)> entries) =>
        string.Concat(entries.Select(entry => $"\n    {Convert.ToHexString(entry.Key)} => {Convert.ToHexString(entry.Value)}"));
}
