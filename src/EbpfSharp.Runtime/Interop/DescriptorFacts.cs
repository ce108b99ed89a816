namespace EbpfSharp.Runtime.Interop;

/// <summary>
/// What procfs says about a bpf descriptor. Used to explain failures (is the map frozen?) and to check that a
/// pinned object is of the expected kind before asking the kernel for its info.
/// </summary>
internal static class DescriptorFacts
{
    /// <summary>The /proc/self/fd link of a map descriptor (kernel: kernel/bpf/syscall.c, bpf_map_new_fd).</summary>
    public const string Map = "anon_inode:bpf-map";

    /// <summary>The /proc/self/fd link of a program descriptor (kernel: kernel/bpf/syscall.c, bpf_prog_new_fd).</summary>
    public const string Program = "anon_inode:bpf-prog";

    /// <summary>The /proc/self/fd link of a link descriptor (kernel: kernel/bpf/syscall.c, bpf_link_settle).</summary>
    public const string Link = "anon_inode:bpf_link";

    /// <summary>Whether the descriptor refers to a map.</summary>
    public static bool IsMap(int fd) => Target(fd) == Map;

    /// <summary>What the descriptor refers to ("anon_inode:bpf-prog"), for messages; null when unknown.</summary>
    public static string? Target(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the map is frozen, from the "frozen:" line of /proc/self/fdinfo (kernel: kernel/bpf/syscall.c,
    /// bpf_map_show_fdinfo); null when procfs does not say.
    /// </summary>
    public static bool? IsFrozen(int fd)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/self/fdinfo/{fd}"))
                if (line.StartsWith("frozen:", StringComparison.Ordinal))
                    return line.AsSpan("frozen:".Length).Trim().SequenceEqual("1");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
