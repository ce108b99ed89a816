using EbpfSharp.Object;

namespace EbpfSharp.Runtime.Interop;

/// <summary>
/// Explains failed map commands: what was being done, what the kernel answered and the likely cause in the
/// map's terms ("the key already exists and NoExist was given"). Types come from <see cref="BpfErrors"/>.
/// </summary>
internal static class MapErrors
{
    /// <summary>The exception for a map command that failed with <paramref name="errno"/>.</summary>
    /// <param name="map">The map, for its type, capacity and flags.</param>
    /// <param name="command">The bpf() command.</param>
    /// <param name="errno">The kernel's error.</param>
    /// <param name="operation">What was being done, naming the map ("Updating Hash map 'counters' with NoExist").</param>
    /// <param name="flags">The command's element flags, which explain several errors.</param>
    public static BpfException Create(BpfMap map, BpfCommand command, int errno, string operation, ulong flags = 0)
    {
        string what = $"{operation} failed: bpf({BpfErrors.CommandName(command)}) returned {Errno.Name(errno)}";
        // The generic EPERM advice (run as root) is wrong when the map itself refuses writes.
        if (errno == Errno.EPERM && ReadOnlyCause(map, command) is { } readOnly)
            return new BpfPermissionException($"{what}. {readOnly}.", errno);
        if (Cause(map, command, errno, flags) is { } cause)
            what = $"{what}. {cause}";
        // Kernels before 5.6 answer an unknown batch command with EINVAL; so does a map type without batches on some kernels.
        if (errno == Errno.EINVAL && flags == 0 && IsBatch(command))
            return new BpfNotSupportedException($"{what}.", errno);
        return BpfErrors.FromErrno(errno, what);
    }

    private static string? Cause(BpfMap map, BpfCommand command, int errno, ulong flags)
    {
        bool locked = (flags & (ulong)MapUpdateFlags.Lock) != 0;
        return (command, errno) switch
        {
            (_, Errno.EINVAL) when locked =>
                "BPF_F_LOCK needs a value type that contains a struct bpf_spin_lock, described by BTF when the map was created",
            (BpfCommand.MapUpdateElement, Errno.EEXIST) when IsArray(map.Type) =>
                "Array elements always exist, so NoExist can never succeed; use MapUpdateFlags.Any or Exist",
            (BpfCommand.MapUpdateElement, Errno.EEXIST) =>
                "The key already exists and MapUpdateFlags.NoExist was given; use Any or Exist to replace its value",
            (BpfCommand.MapUpdateElement, Errno.ENOENT) =>
                "The key does not exist and MapUpdateFlags.Exist was given; use Any or NoExist to create it",
            (BpfCommand.MapUpdateElement or BpfCommand.MapUpdateBatch, Errno.E2BIG) when IsArray(map.Type) =>
                $"The index is past the end of the array, which has {map.MaxEntries} entries",
            (BpfCommand.MapUpdateElement, Errno.E2BIG) when map.Type is BpfMapType.Queue or BpfMapType.Stack =>
                $"The {(map.Type == BpfMapType.Queue ? "queue" : "stack")} is full ({map.MaxEntries} values); pop values first, or push with MapUpdateFlags.Exist to overwrite the oldest",
            (BpfCommand.MapUpdateElement or BpfCommand.MapUpdateBatch, Errno.E2BIG) =>
                $"The map is full ({map.MaxEntries} entries); delete entries or create it with a larger MaxEntries",
            (BpfCommand.MapUpdateElement, Errno.EINVAL) when map.Type is BpfMapType.Queue or BpfMapType.Stack =>
                "Queues and stacks accept only MapUpdateFlags.Any or Exist",
            (BpfCommand.MapUpdateElement, Errno.EINVAL) when map.Type == BpfMapType.BloomFilter =>
                "Bloom filters accept only MapUpdateFlags.Any",
            (BpfCommand.MapUpdateBatch, Errno.EINVAL) when flags != 0 =>
                "Batch updates take only MapUpdateFlags.Any or Lock (Linux 6.18 refuses NoExist and Exist there); update one key at a time for those",
            (BpfCommand.MapDeleteElement, Errno.EINVAL) when IsArray(map.Type) =>
                "Array elements cannot be deleted; overwrite them with Update instead",
            (BpfCommand.MapLookupAndDeleteElement, Errno.ENOTSUPP or Errno.EOPNOTSUPP or Errno.EINVAL) =>
                $"{map.Type} maps do not support lookup-and-delete (hash maps do since Linux 5.14, queues and stacks through TryPop)",
            (BpfCommand.MapLookupBatch or BpfCommand.MapLookupAndDeleteBatch, Errno.ENOSPC) =>
                "Hash maps return whole buckets, and the next bucket holds more entries than the buffers; pass larger buffers",
            (_, Errno.ENOTSUPP or Errno.EOPNOTSUPP or Errno.EINVAL) when IsBatch(command) =>
                $"{map.Type} maps do not support this batch operation (batches need Linux 5.6+; hash maps have all four, arrays only lookup and update); use the single-element methods instead",
            (BpfCommand.MapFreeze, Errno.EBUSY) =>
                "A writable memory mapping of the map is still open; dispose the MappedMemory from Map() first",
            (BpfCommand.MapFreeze, Errno.ENOTSUPP or Errno.EOPNOTSUPP or Errno.EINVAL) =>
                $"{map.Type} maps cannot be frozen",
            _ => null,
        };
    }

    /// <summary>Why the map refuses a write from user space, or null when it does not (then EPERM means missing privilege).</summary>
    private static string? ReadOnlyCause(BpfMap map, BpfCommand command)
    {
        bool reads = command is BpfCommand.MapLookupElement or BpfCommand.MapGetNextKey or BpfCommand.MapLookupBatch;
        if (reads)
            return (map.Flags & BpfMapFlags.WriteOnly) != 0 ? $"Map '{map.Name}' was created with BpfMapFlags.WriteOnly: user space cannot read it" : null;
        if ((map.Flags & BpfMapFlags.ReadOnly) != 0)
            return $"Map '{map.Name}' was created with BpfMapFlags.ReadOnly: user space cannot change it";
        if (map.Handle.IsClosed || DescriptorFacts.IsFrozen(map.Handle.Value) != true)
            return null;
        return command == BpfCommand.MapFreeze
            ? $"Map '{map.Name}' is already frozen"
            : $"Map '{map.Name}' is frozen (BPF_MAP_FREEZE): user space can no longer change it, only programs can";
    }

    private static bool IsBatch(BpfCommand command) =>
        command is BpfCommand.MapLookupBatch or BpfCommand.MapLookupAndDeleteBatch or BpfCommand.MapUpdateBatch or BpfCommand.MapDeleteBatch;

    /// <summary>Whether elements of this type are indexed slots that always exist (kernel: kernel/bpf/arraymap.c).</summary>
    private static bool IsArray(BpfMapType type) => type is BpfMapType.Array or BpfMapType.PerCpuArray;
}
