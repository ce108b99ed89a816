namespace EbpfSharp.Maps.Managed;

/// <summary>How keyed maps treat the flags of <c>bpf_map_update_elem</c> (kernel: kernel/bpf/hashtab.c, check_flags).</summary>
internal static class UpdateRules
{
    /// <summary>Whether <paramref name="flags"/> is <c>BPF_ANY</c>, <c>BPF_NOEXIST</c> or <c>BPF_EXIST</c>.</summary>
    /// <remarks>
    /// <c>BPF_F_LOCK</c> needs a <c>struct bpf_spin_lock</c> in the value, described by BTF; the CLR has no such
    /// description, so it answers EINVAL as the kernel does for a value without one.
    /// </remarks>
    public static bool IsKnown(ulong flags) => flags <= (ulong)MapUpdateFlags.Exist;

    /// <summary>0, or the error for an update with <paramref name="flags"/> when the key does or does not exist.</summary>
    public static long Check(bool exists, ulong flags) => (exists, (MapUpdateFlags)flags) switch
    {
        (true, MapUpdateFlags.NoExist) => Errno.Exists,
        (false, MapUpdateFlags.Exist) => Errno.NoEntry,
        _ => 0,
    };
}
