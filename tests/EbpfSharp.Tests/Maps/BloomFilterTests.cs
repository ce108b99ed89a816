using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class BloomFilterTests
{
    [Fact]
    public void Contains_is_true_exactly_for_added_values()
    {
        var filter = new BloomFilter<ulong>(maxEntries: 16);
        filter.Add(1);
        filter.Add(1ul << 40);

        Assert.True(filter.Contains(1));
        Assert.True(filter.Contains(1ul << 40));
        Assert.False(filter.Contains(2));
    }

    [Fact]
    public void Peek_answers_0_or_ENOENT()
    {
        var filter = new BloomFilter<uint>(maxEntries: 16);
        uint added = 5, absent = 6;
        filter.Add(added);

        Assert.Equal(0, filter.PeekElement(&added));
        Assert.Equal(ENOENT, filter.PeekElement(&absent));
    }

    [Theory]
    [InlineData(1ul)]
    [InlineData(2ul)]
    [InlineData(4ul)]
    public void Push_takes_only_BPF_ANY(ulong flags)
    {
        var filter = new BloomFilter<uint>(maxEntries: 16);
        uint value = 5;

        Assert.Equal(EINVAL, filter.PushElement(&value, flags));
        Assert.False(filter.Contains(5));
    }

    [Fact]
    public void ContentBytes_lists_distinct_values_in_the_order_first_added()
    {
        var filter = new BloomFilter<uint>(maxEntries: 16);
        filter.Add(3);
        filter.Add(1);
        filter.Add(3);

        Assert.Equal([3u, 1u], filter.ContentBytes().Select(entry => BitConverter.ToUInt32(entry.Value)));
        Assert.All(filter.ContentBytes(), entry => Assert.Empty(entry.Key));
    }

    [Fact]
    public void Clear_forgets_every_value()
    {
        var filter = new BloomFilter<uint>(maxEntries: 16);
        filter.Add(3);

        filter.Clear();

        Assert.False(filter.Contains(3));
    }
}
