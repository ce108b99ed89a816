using EbpfSharp.Object;
using EbpfSharp.Runtime.Tests.Maps;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Views;

public class KeylessViewTests
{
    [KernelFact]
    public void A_queue_view_drains_in_push_order()
    {
        using var queue = new QueueView<Counter>(BpfMap.Create(new MapDefinition("queue", BpfMapType.Queue, 0, 16, 8)), ownsMap: true);
        for (int i = 1; i <= 3; i++)
            queue.Push(new Counter(i, i * 100));

        Assert.False(queue.IsStack);
        Assert.True(queue.TryPeek(out var next));
        Assert.Equal(new Counter(1, 100), next);
        Assert.Equal([1L, 2L, 3L], queue.Drain().Select(counter => counter.Packets));
        Assert.False(queue.TryPop(out _));
    }

    [KernelFact]
    public void A_stack_view_drains_newest_first_and_Exist_overwrites_when_full()
    {
        using var stack = new QueueView<int>(BpfMap.Create(new MapDefinition("stack", BpfMapType.Stack, 0, 4, 3)), ownsMap: true);
        stack.Push(1);
        stack.Push(2);
        stack.Push(3);

        Assert.Throws<BpfLimitException>(() => stack.Push(4));
        stack.Push(4, MapUpdateFlags.Exist);

        Assert.True(stack.IsStack);
        Assert.Equal(3, stack.Capacity);
        Assert.Equal([4, 3, 2], stack.Drain());
    }

    [KernelFact]
    public void A_bloom_filter_view_contains_what_was_added()
    {
        using var bloom = new BloomFilterView<FlowKey>(BpfMap.Create(new MapDefinition("bloom", BpfMapType.BloomFilter, 0, 12, 64) { MapExtra = 3 }), ownsMap: true);

        bloom.Add(new FlowKey(6, 1, 80));

        Assert.True(bloom.Contains(new FlowKey(6, 1, 80)));
        Assert.False(bloom.Contains(new FlowKey(6, 1, 81)));
    }

    [KernelFact]
    public void Keyless_views_check_the_map_type_and_value_size()
    {
        using var queue = BpfMap.Create(new MapDefinition("queue_sized", BpfMapType.Queue, 0, 8, 2));
        using var hash = BpfMap.Create(new MapDefinition("not_a_queue", BpfMapType.Hash, 4, 8, 2));

        var size = Assert.Throws<ArgumentException>(() => new QueueView<int>(queue));
        var type = Assert.Throws<ArgumentException>(() => new BloomFilterView<long>(hash));

        Assert.Contains("4-byte values (sizeof(Int32))", size.Message);
        Assert.Contains("MapView<TKey, TValue>", type.Message);
    }
}
