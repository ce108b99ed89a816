using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime;

// Element operations on unmanaged structs, viewed as their bytes. The struct must match the C layout:
// same size (checked) and same field offsets (the caller's [StructLayout] responsibility).
public sealed partial class BpfMap
{
    /// <summary>Reads the value stored under <paramref name="key"/>.</summary>
    /// <returns>False (and a default <paramref name="value"/>) when the key is absent.</returns>
    /// <exception cref="ArgumentException">sizeof(TKey) or sizeof(TValue) differs from the map's key or value size, or the map is per-CPU.</exception>
    public bool TryLookup<TKey, TValue>(in TKey key, out TValue value, MapLookupFlags flags = MapLookupFlags.None)
        where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        value = default;
        return TryLookup(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)), MemoryMarshal.AsBytes(new Span<TValue>(ref value)), flags);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; see <see cref="Update(ReadOnlySpan{byte}, ReadOnlySpan{byte}, MapUpdateFlags)"/>.</summary>
    /// <exception cref="ArgumentException">sizeof(TKey) or sizeof(TValue) differs from the map's key or value size, or the map is per-CPU.</exception>
    public void Update<TKey, TValue>(in TKey key, in TValue value, MapUpdateFlags flags = MapUpdateFlags.Any)
        where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        Update(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)), MemoryMarshal.AsBytes(new ReadOnlySpan<TValue>(in value)), flags);
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <returns>False when the key was absent.</returns>
    /// <exception cref="ArgumentException">sizeof(TKey) differs from the map's key size.</exception>
    public bool Delete<TKey>(in TKey key) where TKey : unmanaged
    {
        CheckKeyType<TKey>();
        return Delete(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)));
    }

    /// <summary>Reads and removes the value under <paramref name="key"/>; see <see cref="TryLookupAndDelete(ReadOnlySpan{byte}, Span{byte}, MapLookupFlags)"/>.</summary>
    public bool TryLookupAndDelete<TKey, TValue>(in TKey key, out TValue value) where TKey : unmanaged where TValue : unmanaged
    {
        CheckKeyType<TKey>();
        CheckValueType<TValue>();
        value = default;
        return TryLookupAndDelete(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)), MemoryMarshal.AsBytes(new Span<TValue>(ref value)));
    }
}
