namespace EbpfSharp.TestSupport;

/// <summary>
/// The file descriptors this process has open, with what each points to ("anon_inode:bpf-link"), for
/// leak checks. Tests that use it belong in a collection with parallelization disabled.
/// </summary>
public sealed class DescriptorSnapshot
{
    private readonly Dictionary<string, string?> _targets;

    private DescriptorSnapshot(Dictionary<string, string?> targets) => _targets = targets;

    public int Count => _targets.Count;

    /// <summary>
    /// Takes the snapshot to compare against, after letting finalizers close whatever earlier tests left to
    /// the garbage collector, so those closures do not land in the measured stretch.
    /// </summary>
    public static DescriptorSnapshot TakeBaseline()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Take();
    }

    private static DescriptorSnapshot Take()
    {
        // The runtime keeps a descriptor open per loaded assembly: load xunit.assert before counting, not during the assertion.
        Assert.True(true);
        return new(Directory.GetFileSystemEntries("/proc/self/fd")
            .Select(path => (Number: Path.GetFileName(path), Target: TryReadLink(path)))
            .Where(descriptor => !IsAssemblyImage(descriptor.Target))
            .ToDictionary(descriptor => descriptor.Number, descriptor => descriptor.Target));
    }

    /// <summary>Asserts that the process has exactly as many descriptors as at this snapshot, listing any new ones.</summary>
    public void AssertUnchanged()
    {
        var now = Take();
        var added = now._targets.Where(entry => !_targets.ContainsKey(entry.Key)).Select(entry => $"{entry.Key} -> {entry.Value}");
        Assert.True(now.Count == Count, $"The process had {Count} descriptors and now has {now.Count}. New: {string.Join(", ", added)}");
    }

    /// <summary>
    /// The runtime opens each assembly it loads (Microsoft.Win32.Registry.dll appears the first time some
    /// code path needs it), at any moment; those images are not leaks of the code under test.
    /// </summary>
    private static bool IsAssemblyImage(string? target) =>
        target is not null && (target.EndsWith(".dll", StringComparison.Ordinal) || target.EndsWith(".so", StringComparison.Ordinal));

    private static string? TryReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;    // the directory listing's own descriptor, closed already
        }
    }
}
