using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// Single-element operations on byte spans. They allocate nothing unless they fail: the spans are pinned
// for the call and the error message is only built on failure.
public sealed partial class BpfMap
{
    /// <summary>Copies the value stored under <paramref name="key"/> into <paramref name="value"/>.</summary>
    /// <param name="key"><see cref="KeySize"/> bytes (empty for a queue or stack, which peeks).</param>
    /// <param name="value"><see cref="ValueBufferSize"/> bytes: the value, or for per-CPU maps one 8-byte aligned slot per possible CPU.</param>
    /// <param name="flags"><see cref="MapLookupFlags.Lock"/> to read under the value's spin lock.</param>
    /// <returns>False when the key is absent (ENOENT).</returns>
    /// <exception cref="ArgumentException">A buffer does not have the map's size.</exception>
    /// <exception cref="ObjectDisposedException">The map has been disposed.</exception>
    /// <exception cref="BpfException">The kernel refused for another reason.</exception>
    public unsafe bool TryLookup(ReadOnlySpan<byte> key, Span<byte> value, MapLookupFlags flags = MapLookupFlags.None)
    {
        CheckKey(key.Length, nameof(key));
        CheckValue(value.Length, nameof(value));
        int errno;
        fixed (byte* keyPointer = key)
        fixed (byte* valuePointer = value)
            errno = CallElement(BpfCommand.MapLookupElement, keyPointer, valuePointer, (ulong)flags);
        return Found(errno, BpfCommand.MapLookupElement, static map => $"Looking up a key in {map.Label}", (ulong)flags);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    /// <param name="key"><see cref="KeySize"/> bytes.</param>
    /// <param name="value"><see cref="ValueBufferSize"/> bytes (for per-CPU maps, one 8-byte aligned slot per possible CPU).</param>
    /// <param name="flags">Whether the key must be absent (<see cref="MapUpdateFlags.NoExist"/>) or present (<see cref="MapUpdateFlags.Exist"/>).</param>
    /// <exception cref="BpfConflictException">NoExist was given and the key exists (EEXIST).</exception>
    /// <exception cref="BpfNotFoundException">Exist was given and the key is absent (ENOENT).</exception>
    /// <exception cref="BpfLimitException">The map is full, or an array index is out of range (E2BIG).</exception>
    /// <exception cref="BpfPermissionException">The map is frozen or read-only for user space (EPERM).</exception>
    /// <exception cref="ArgumentException">A buffer does not have the map's size.</exception>
    /// <exception cref="ObjectDisposedException">The map has been disposed.</exception>
    public unsafe void Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        CheckKey(key.Length, nameof(key));
        CheckValue(value.Length, nameof(value));
        int errno;
        fixed (byte* keyPointer = key)
        fixed (byte* valuePointer = value)
            errno = CallElement(BpfCommand.MapUpdateElement, keyPointer, valuePointer, (ulong)flags);
        if (errno != 0)
            throw MapErrors.Create(this, BpfCommand.MapUpdateElement, errno, $"Updating {Label} with {flags}", (ulong)flags);
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <returns>False when the key was absent (ENOENT).</returns>
    /// <exception cref="BpfInvalidArgumentException">The map is an array, whose elements cannot be deleted (EINVAL).</exception>
    public unsafe bool Delete(ReadOnlySpan<byte> key)
    {
        CheckHasKeys(nameof(Delete));
        CheckKey(key.Length, nameof(key));
        int errno;
        fixed (byte* keyPointer = key)
            errno = CallElement(BpfCommand.MapDeleteElement, keyPointer, null, 0);
        return Found(errno, BpfCommand.MapDeleteElement, static map => $"Deleting a key from {map.Label}");
    }

    /// <summary>
    /// Writes the key that follows <paramref name="key"/> into <paramref name="nextKey"/>; an empty
    /// <paramref name="key"/> asks for the first key. The order is the map's own (bucket order for hashes).
    /// </summary>
    /// <remarks>
    /// If <paramref name="key"/> is not in the map (deleted meanwhile), hash maps and LPM tries answer with
    /// their first key, so a walk restarts from the beginning (kernel: kernel/bpf/hashtab.c, htab_map_get_next_key).
    /// </remarks>
    /// <returns>False when <paramref name="key"/> was the last key, or the map is empty.</returns>
    public unsafe bool TryGetNextKey(ReadOnlySpan<byte> key, Span<byte> nextKey)
    {
        CheckHasKeys(nameof(TryGetNextKey));
        if (!key.IsEmpty)
            CheckKey(key.Length, nameof(key));
        CheckKey(nextKey.Length, nameof(nextKey));
        int errno;
        fixed (byte* keyPointer = key)
        fixed (byte* nextPointer = nextKey)
            errno = CallElement(BpfCommand.MapGetNextKey, keyPointer, nextPointer, 0);
        return Found(errno, BpfCommand.MapGetNextKey, static map => $"Getting the next key of {map.Label}");
    }

    /// <summary>Copies the value under <paramref name="key"/> and removes the element, atomically (hash maps, Linux 5.14+).</summary>
    /// <returns>False when the key is absent (ENOENT).</returns>
    /// <exception cref="BpfNotSupportedException">The map type has no lookup-and-delete (arrays).</exception>
    public unsafe bool TryLookupAndDelete(ReadOnlySpan<byte> key, Span<byte> value, MapLookupFlags flags = MapLookupFlags.None)
    {
        CheckKey(key.Length, nameof(key));
        CheckValue(value.Length, nameof(value));
        int errno;
        fixed (byte* keyPointer = key)
        fixed (byte* valuePointer = value)
            errno = CallElement(BpfCommand.MapLookupAndDeleteElement, keyPointer, valuePointer, (ulong)flags);
        return Found(errno, BpfCommand.MapLookupAndDeleteElement, static map => $"Looking up and deleting a key of {map.Label}", (ulong)flags);
    }

    /// <summary>For lookups, pops and peeks ENOENT means "absent"; any other error is thrown.</summary>
    /// <remarks>The message is built only on failure, so the hot path allocates nothing.</remarks>
    private bool Found(int errno, BpfCommand command, Func<BpfMap, string> operation, ulong flags = 0) => errno switch
    {
        0 => true,
        Errno.ENOENT => false,
        _ => throw MapErrors.Create(this, command, errno, operation(this), flags),
    };

    /// <summary>Runs one BPF_MAP_*_ELEM command. A null key is how keyless maps (queue, stack, bloom filter) are addressed.</summary>
    /// <returns>0, or the errno.</returns>
    private unsafe int CallElement(BpfCommand command, byte* key, byte* value, ulong flags)
    {
        using var lease = CallLease();
        var attributes = new MapElementAttributes
        {
            MapFd = (uint)lease.Fd,
            Key = (ulong)key,
            Value = (ulong)value,
            Flags = flags,
        };
        long result = BpfSyscall.Call(command, &attributes, sizeof(MapElementAttributes));
        return result < 0 ? (int)-result : 0;
    }
}
