using System.Runtime.InteropServices;
using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class HashMapTests
{
    [StructLayout(LayoutKind.Sequential)]
    private struct PaddedKey
    {
        public byte Tag;     // three bytes of padding follow
        public uint Id;
    }

    [Fact]
    public void Lookup_of_an_absent_key_returns_null()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 4);

        Assert.True(map.Lookup(1) == null);
    }

    [Fact]
    public void Update_then_lookup_returns_a_pointer_into_the_map()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 4);
        Assert.True(map.Update(1, 10));

        ulong* value = map.Lookup(1);
        Assert.Equal(10ul, *value);
        *value = 11;

        Assert.Equal(11ul, *map.Lookup(1));
    }

    [Fact]
    public void Update_flags_give_the_kernels_errors()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 4);

        Assert.Equal(ENOENT, map.CallUpdate(1u, 10ul, (ulong)MapUpdateFlags.Exist));
        Assert.Equal(0, map.CallUpdate(1u, 10ul, (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(EEXIST, map.CallUpdate(1u, 11ul, (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(0, map.CallUpdate(1u, 12ul, (ulong)MapUpdateFlags.Exist));
        Assert.Equal(12ul, *map.Lookup(1));
    }

    [Theory]
    [InlineData(3ul)]                        // NoExist | Exist
    [InlineData(4ul)]                        // BPF_F_LOCK: the value has no bpf_spin_lock
    [InlineData(8ul)]
    [InlineData(1ul << 40)]
    public void Update_with_unknown_flags_is_EINVAL(ulong flags)
    {
        var map = new HashMap<uint, ulong>(maxEntries: 4);

        Assert.Equal(EINVAL, map.CallUpdate(1u, 10ul, flags));
        Assert.Empty(map.ContentBytes());
    }

    [Fact]
    public void A_full_map_refuses_new_keys_with_E2BIG_but_replaces_existing_ones()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 2);
        map.Update(1, 10);
        map.Update(2, 20);

        Assert.Equal(E2BIG, map.CallUpdate(3u, 30ul));
        Assert.Equal(ENOENT, map.CallUpdate(3u, 30ul, (ulong)MapUpdateFlags.Exist));   // flags are checked first
        Assert.Equal(EEXIST, map.CallUpdate(2u, 21ul, (ulong)MapUpdateFlags.NoExist));
        Assert.Equal(0, map.CallUpdate(2u, 22ul));
        Assert.Equal(22ul, *map.Lookup(2));
    }

    [Fact]
    public void Delete_removes_the_key_and_is_ENOENT_when_absent()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 2);
        map.Update(1, 10);

        Assert.Equal(0, map.CallDelete<uint, ulong>(1));
        Assert.True(map.Lookup(1) == null);
        Assert.Equal(ENOENT, map.CallDelete<uint, ulong>(1));
        Assert.False(map.Delete(1));
    }

    [Fact]
    public void Deleting_makes_room_in_a_full_map()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 1);
        map.Update(1, 10);
        map.Delete(1);

        Assert.True(map.Update(2, 20));
    }

    [Fact]
    public void A_pointer_from_before_a_replacement_keeps_the_old_value_as_in_the_kernel()
    {
        // htab_map_update_elem installs a new element and retires the old one; the old pointer stays readable.
        var map = new HashMap<uint, ulong>(maxEntries: 4);
        map.Update(1, 10);
        ulong* before = map.Lookup(1);

        map.Update(1, 20);

        Assert.Equal(10ul, *before);
        Assert.Equal(20ul, *map.Lookup(1));
    }

    [Fact]
    public void A_pointer_from_before_a_delete_stays_writable()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 4);
        map.Update(1, 10);
        ulong* value = map.Lookup(1);
        map.Delete(1);

        *value = 99;   // the kernel frees elements after the program; the CLR keeps them until reused

        Assert.Empty(map.ContentBytes());
    }

    [Fact]
    public void Keys_compare_byte_for_byte_including_padding()
    {
        var map = new HashMap<PaddedKey, uint>(maxEntries: 4);
        byte[] zeroPadding = [7, 0, 0, 0, 1, 0, 0, 0];
        byte[] otherPadding = [7, 0xAA, 0, 0, 1, 0, 0, 0];
        uint first = 1, second = 2;

        fixed (byte* key = zeroPadding)
            Assert.Equal(0, map.UpdateElement(key, &first, 0));
        fixed (byte* key = otherPadding)
            Assert.Equal(0, map.UpdateElement(key, &second, 0));

        Assert.Equal(2, map.ContentBytes().Count);
        Assert.Equal(1u, *map.Lookup(new PaddedKey { Tag = 7, Id = 1 }));
    }

    [Fact]
    public void ContentBytes_lists_keys_in_byte_order_with_their_values()
    {
        var map = new HashMap<uint, ushort>(maxEntries: 4);
        map.Update(1, 0x0102);
        map.Update(256, 0x0304);    // little-endian 00 01 00 00 sorts before 01 00 00 00

        var contents = map.ContentBytes();

        Assert.Equal([Key(256), Key(1)], contents.Select(entry => entry.Key));
        Assert.Equal([[0x04, 0x03], [0x02, 0x01]], contents.Select(entry => entry.Value));
    }

    [Fact]
    public void Clear_empties_the_map()
    {
        var map = new HashMap<uint, ulong>(maxEntries: 1);
        map.Update(1, 10);

        map.Clear();

        Assert.Empty(map.ContentBytes());
        Assert.True(map.Lookup(1) == null);
        Assert.True(map.Update(2, 20));
    }

    [Fact]
    public void Programs_on_several_threads_can_count_into_one_value()
    {
        var map = new HashMap<uint, long>(maxEntries: 4);
        map.Update(0, 0);

        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                map.Update((uint)(i % 3 + 1), i);   // other keys churn meanwhile
                Interlocked.Increment(ref *map.Lookup(0));
            }
        });

        Assert.Equal(80_000, *map.Lookup(0));
        Assert.Equal(4, map.ContentBytes().Count);
    }
}
