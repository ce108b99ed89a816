using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

// Per-CPU maps exchange one value per possible CPU with user space, each in a slot rounded up to 8 bytes
// (kernel: kernel/bpf/hashtab.c and arraymap.c, round_up(map->value_size, 8) * num_possible_cpus()).
public sealed partial class BpfMap
{
    // Values up to this size are staged on the stack, larger ones in a pooled array.
    private const int StackBufferLimit = 1024;

    /// <summary>The number of possible CPUs (from <c>/sys/devices/system/cpu/possible</c>), which sizes per-CPU values.</summary>
    public static int PossibleCpuCount => PossibleCpus.Count;

    /// <summary>Whether the map holds one value per CPU (PerCpuHash, PerCpuArray, LruPerCpuHash, PerCpuCgroupStorage).</summary>
    public bool IsPerCpu { get; }

    /// <summary>
    /// The bytes a value buffer must hold: <see cref="ValueSize"/>, or for per-CPU maps
    /// <c>RoundUp(ValueSize, 8) * PossibleCpuCount</c> (the value for CPU <c>i</c> starts at <c>i * RoundUp(ValueSize, 8)</c>).
    /// </summary>
    public int ValueBufferSize { get; }

    /// <summary>The distance between two CPUs' values in a per-CPU value buffer.</summary>
    private int PerCpuSlotSize => (ValueSize + 7) & ~7;

    /// <summary>Reads every CPU's value of <paramref name="key"/> in a per-CPU map.</summary>
    /// <returns>One value per possible CPU, indexed by CPU number.</returns>
    /// <exception cref="BpfNotFoundException">The key is absent.</exception>
    /// <exception cref="ArgumentException">A type's size differs from the map's key or value size.</exception>
    /// <exception cref="InvalidOperationException">The map is not per-CPU.</exception>
    public TValue[] LookupPerCpu<TKey, TValue>(in TKey key) where TKey : unmanaged where TValue : unmanaged
    {
        var values = new TValue[PossibleCpuCount];
        if (!TryLookupPerCpu(in key, values))
            throw new BpfNotFoundException($"{Label} has no entry for the key.", Interop.Errno.ENOENT);
        return values;
    }

    /// <summary>Reads every CPU's value of <paramref name="key"/> into <paramref name="values"/> (<see cref="PossibleCpuCount"/> long).</summary>
    /// <returns>False when the key is absent.</returns>
    public bool TryLookupPerCpu<TKey, TValue>(in TKey key, Span<TValue> values) where TKey : unmanaged where TValue : unmanaged
    {
        CheckPerCpuTypes<TKey, TValue>(values.Length);
        byte[]? rented = null;
        Span<byte> buffer = ValueBufferSize <= StackBufferLimit
            ? stackalloc byte[StackBufferLimit]
            : rented = ArrayPool<byte>.Shared.Rent(ValueBufferSize);
        try
        {
            buffer = buffer[..ValueBufferSize];
            if (!TryLookup(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)), buffer))
                return false;
            for (int cpu = 0; cpu < values.Length; cpu++)
                values[cpu] = MemoryMarshal.Read<TValue>(buffer.Slice(cpu * PerCpuSlotSize, ValueSize));
            return true;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes one value per CPU under <paramref name="key"/> in a per-CPU map.</summary>
    /// <param name="key">The key.</param>
    /// <param name="values">Exactly <see cref="PossibleCpuCount"/> values, indexed by CPU number.</param>
    /// <param name="flags">As for <see cref="Update(ReadOnlySpan{byte}, ReadOnlySpan{byte}, MapUpdateFlags)"/>.</param>
    public void UpdatePerCpu<TKey, TValue>(in TKey key, ReadOnlySpan<TValue> values, MapUpdateFlags flags = MapUpdateFlags.Any)
        where TKey : unmanaged where TValue : unmanaged
    {
        CheckPerCpuTypes<TKey, TValue>(values.Length);
        byte[]? rented = null;
        Span<byte> buffer = ValueBufferSize <= StackBufferLimit
            ? stackalloc byte[StackBufferLimit]
            : rented = ArrayPool<byte>.Shared.Rent(ValueBufferSize);
        try
        {
            buffer = buffer[..ValueBufferSize];
            buffer.Clear();
            for (int cpu = 0; cpu < values.Length; cpu++)
                MemoryMarshal.Write(buffer.Slice(cpu * PerCpuSlotSize, ValueSize), in values[cpu]);
            Update(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)), buffer, flags);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void CheckPerCpuTypes<TKey, TValue>(int count) where TKey : unmanaged where TValue : unmanaged
    {
        if (!IsPerCpu)
            throw new InvalidOperationException($"{Label} is not a per-CPU map; use TryLookup and Update.");
        CheckKeyType<TKey>();
        if (Unsafe.SizeOf<TValue>() != ValueSize)
            throw new ArgumentException(
                $"The value type {typeof(TValue).Name} is {Unsafe.SizeOf<TValue>()} bytes (sizeof), but {Label} has {ValueSize}-byte values per CPU.");
        if (count != PossibleCpuCount)
            throw new ArgumentException($"{Label} holds one value per possible CPU: pass {PossibleCpuCount} values, not {count}.");
    }
}
