using EbpfSharp.TestSupport;

namespace EbpfSharp.Tests.Maps;

/// <summary>
/// Calls the maps' helper methods as a compiled program would, for their return values: 0 or a negative errno.
/// </summary>
internal static unsafe class MapCalls
{
    public const long ENOENT = -2, E2BIG = -7, EAGAIN = -11, EFAULT = -14, EEXIST = -17, EINVAL = -22, ENOSPC = -28, EOPNOTSUPP = -95;

    public static long CallUpdate<TKey, TValue>(this KeyedMap<TKey, TValue> map, TKey key, TValue value, ulong flags = 0)
        where TKey : unmanaged where TValue : unmanaged => map.UpdateElement(&key, &value, flags);

    public static long CallDelete<TKey, TValue>(this KeyedMap<TKey, TValue> map, TKey key)
        where TKey : unmanaged where TValue : unmanaged => map.DeleteElement(&key);

    public static long CallUpdate<TValue>(this IndexedMap<TValue> map, uint index, TValue value, ulong flags = 0)
        where TValue : unmanaged => map.UpdateElement(&index, &value, flags);

    public static long CallPush<T>(this ValueStore<T> map, T value, ulong flags = 0) where T : unmanaged => map.PushElement(&value, flags);

    public static long CallPop<T>(this ValueStore<T> map, out T value) where T : unmanaged
    {
        fixed (T* destination = &value)
            return map.PopElement(destination);
    }

    public static long CallPeek<T>(this ValueStore<T> map, out T value) where T : unmanaged
    {
        fixed (T* destination = &value)
            return map.PeekElement(destination);
    }

    /// <summary>Whether the test machine has a second CPU to move to.</summary>
    public static bool HasTwoCpus => Environment.ProcessorCount >= 2 && ProgramMap.PossibleCpuCount >= 2;

    /// <summary>Pins the calling thread to <paramref name="cpu"/> until disposed, so programs see that CPU's values.</summary>
    public static CpuAffinity PinTo(int cpu)
    {
        var pinned = CpuAffinity.PinCurrentThread(cpu);
        Assert.Equal((uint)cpu, Bpf.GetSmpProcessorId());
        return pinned;
    }

    /// <summary>A little-endian u32 as bytes, the way array keys appear in ContentBytes.</summary>
    public static byte[] Key(uint index) => BitConverter.GetBytes(index);
}
