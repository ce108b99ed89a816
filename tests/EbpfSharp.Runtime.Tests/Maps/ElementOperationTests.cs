using System.Buffers.Binary;
using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class ElementOperationTests
{
    [KernelTheory]
    [InlineData(BpfMapType.Hash)]
    [InlineData(BpfMapType.LruHash)]
    public void Hash_maps_store_look_up_and_delete_byte_keys(BpfMapType type)
    {
        using var map = BpfMap.Create(new MapDefinition("elements", type, 4, 8, 16));
        Span<byte> key = stackalloc byte[4];
        Span<byte> value = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(key, 7);
        BinaryPrimitives.WriteInt64LittleEndian(value, 700);

        Assert.False(map.TryLookup(key, value));
        map.Update(key, value);
        value.Clear();
        Assert.True(map.TryLookup(key, value));
        Assert.Equal(700, BinaryPrimitives.ReadInt64LittleEndian(value));
        Assert.True(map.Delete(key));
        Assert.False(map.Delete(key));
        Assert.False(map.TryLookup(key, value));
    }

    [KernelTheory]
    [InlineData(BpfMapType.Hash)]
    [InlineData(BpfMapType.LruHash)]
    [InlineData(BpfMapType.Array)]
    public void Typed_update_and_lookup_round_trip_a_struct(BpfMapType type)
    {
        using var map = BpfMap.Create(new MapDefinition("typed", type, 4, 16, 8));
        var stored = new Counter { Packets = 3, Bytes = 1500 };

        map.Update(2, stored);

        Assert.True(map.TryLookup(2, out Counter read));
        Assert.Equal(stored, read);
    }

    [KernelFact]
    public void Array_elements_exist_from_creation_and_start_zeroed()
    {
        using var map = BpfMap.Create(new MapDefinition("array", BpfMapType.Array, 4, 8, 4));

        Assert.True(map.TryLookup(3, out long value));
        Assert.Equal(0, value);
        Assert.False(map.TryLookup(4, out value));
    }

    [KernelFact]
    public void Typed_delete_removes_a_hash_entry()
    {
        using var map = BpfMap.Create(new MapDefinition("typed_del", BpfMapType.Hash, 8, 4, 8));
        map.Update(42L, 1);

        Assert.True(map.Delete(42L));
        Assert.False(map.TryLookup(42L, out int _));
    }

    [KernelFact]
    public void Lookup_and_delete_returns_the_value_and_removes_the_key()
    {
        using var map = BpfMap.Create(new MapDefinition("lookup_del", BpfMapType.Hash, 4, 8, 8));
        map.Update(1, 11L);

        Assert.True(map.TryLookupAndDelete(1, out long value));
        Assert.Equal(11L, value);
        Assert.False(map.TryLookup(1, out value));
        Assert.False(map.TryLookupAndDelete(1, out value));
    }

    [KernelFact]
    public void Lookup_and_delete_on_an_array_is_not_supported()
    {
        using var map = BpfMap.Create(new MapDefinition("lookup_del_arr", BpfMapType.Array, 4, 8, 8));

        var error = Assert.Throws<BpfNotSupportedException>(() => map.TryLookupAndDelete(1, out long _));
        Assert.Contains("lookup-and-delete", error.Message);
    }

    [KernelFact]
    public void Next_key_walks_from_the_first_key_to_the_end()
    {
        using var map = BpfMap.Create(new MapDefinition("next_key", BpfMapType.Hash, 4, 4, 8));
        map.Update(1, 10);
        map.Update(2, 20);
        Span<byte> key = stackalloc byte[4];
        Span<byte> next = stackalloc byte[4];
        var seen = new List<int>();

        Assert.True(map.TryGetNextKey(ReadOnlySpan<byte>.Empty, key));
        seen.Add(BinaryPrimitives.ReadInt32LittleEndian(key));
        Assert.True(map.TryGetNextKey(key, next));
        seen.Add(BinaryPrimitives.ReadInt32LittleEndian(next));
        Assert.False(map.TryGetNextKey(next, key));

        Assert.Equal([1, 2], seen.Order());
    }

    [KernelFact]
    public void Next_key_of_an_empty_map_is_false()
    {
        using var map = BpfMap.Create(new MapDefinition("empty", BpfMapType.Hash, 4, 4, 8));

        Assert.False(map.TryGetNextKey(ReadOnlySpan<byte>.Empty, new byte[4]));
    }

    [KernelFact]
    public void Deleting_an_array_element_is_refused_with_advice()
    {
        using var map = BpfMap.Create(new MapDefinition("array_del", BpfMapType.Array, 4, 8, 4));

        var error = Assert.Throws<BpfInvalidArgumentException>(() => map.Delete(1));
        Assert.Contains("cannot be deleted", error.Message);
    }

    [KernelFact]
    public void A_full_hash_map_refuses_a_new_key_as_a_limit()
    {
        using var map = BpfMap.Create(new MapDefinition("full", BpfMapType.Hash, 4, 4, 2));
        map.Update(1, 1);
        map.Update(2, 2);

        var error = Assert.Throws<BpfLimitException>(() => map.Update(3, 3));
        Assert.Contains("full (2 entries)", error.Message);
        map.Update(2, 20);
    }

    [KernelFact]
    public void An_array_index_past_the_end_is_a_limit_error()
    {
        using var map = BpfMap.Create(new MapDefinition("array_oob", BpfMapType.Array, 4, 4, 2));

        var error = Assert.Throws<BpfLimitException>(() => map.Update(2, 1));
        Assert.Contains("past the end", error.Message);
    }

    [KernelFact]
    public void Lru_hash_evicts_instead_of_refusing_when_full()
    {
        using var map = BpfMap.Create(new MapDefinition("lru", BpfMapType.LruHash, 4, 4, 64));

        for (int key = 0; key < 1000; key++)
            map.Update(key, key);

        Assert.True(map.TryLookup(999, out int value));
        Assert.Equal(999, value);
        Assert.InRange(map.Keys<int>().Count(), 1, 64);
    }

    [KernelFact]
    public void Byte_span_lookup_update_and_delete_allocate_nothing()
    {
        using var map = BpfMap.Create(new MapDefinition("no_alloc", BpfMapType.Hash, 4, 8, 4));
        Span<byte> key = stackalloc byte[4];
        Span<byte> value = stackalloc byte[8];
        RoundTrip(map, key, value);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            RoundTrip(map, key, value);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void RoundTrip(BpfMap map, Span<byte> key, Span<byte> value)
        {
            map.Update(key, value);
            map.TryLookup(key, value);
            map.Delete(key);
        }
    }
}
