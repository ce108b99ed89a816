using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

public class QueueStackAndBloomTests
{
    [KernelFact]
    public void Queue_pops_values_in_push_order()
    {
        using var queue = BpfMap.Create(new MapDefinition("queue", BpfMapType.Queue, 0, 4, 8));
        foreach (int value in new[] { 1, 2, 3 })
            queue.Push(value);

        Assert.True(queue.TryPeek(out int peeked));
        Assert.Equal(1, peeked);
        var popped = new List<int>();
        while (queue.TryPop(out int value))
            popped.Add(value);

        Assert.Equal([1, 2, 3], popped);
    }

    [KernelFact]
    public void Stack_pops_values_in_reverse_push_order()
    {
        using var stack = BpfMap.Create(new MapDefinition("stack", BpfMapType.Stack, 0, 4, 8));
        foreach (int value in new[] { 1, 2, 3 })
            stack.Push(value);

        Assert.True(stack.TryPeek(out int peeked));
        Assert.Equal(3, peeked);
        var popped = new List<int>();
        while (stack.TryPop(out int value))
            popped.Add(value);

        Assert.Equal([3, 2, 1], popped);
    }

    [KernelFact]
    public void Empty_queue_pop_and_peek_return_false()
    {
        using var queue = BpfMap.Create(new MapDefinition("queue_empty", BpfMapType.Queue, 0, 8, 2));

        Assert.False(queue.TryPop(new byte[8]));
        Assert.False(queue.TryPeek(new byte[8]));
    }

    [KernelFact]
    public void Full_queue_refuses_a_push_unless_Exist_overwrites_the_oldest()
    {
        using var queue = BpfMap.Create(new MapDefinition("queue_full", BpfMapType.Queue, 0, 4, 2));
        queue.Push(1);
        queue.Push(2);

        var error = Assert.Throws<BpfLimitException>(() => queue.Push(3));
        Assert.Contains("full", error.Message);

        queue.Push(3, MapUpdateFlags.Exist);
        Assert.True(queue.TryPop(out int first));
        Assert.Equal(2, first);
    }

    [KernelFact]
    public void Bloom_filter_contains_pushed_values()
    {
        using var bloom = BpfMap.Create(new MapDefinition("bloom", BpfMapType.BloomFilter, 0, 8, 1000));
        for (long value = 0; value < 100; value++)
            bloom.Push(value * 7919);

        for (long value = 0; value < 100; value++)
            Assert.True(bloom.Contains(value * 7919));
        // 100 values in a filter sized for 1,000 with 5 hashes: a false positive on all 50 probes is impossible in practice.
        Assert.Contains(Enumerable.Range(1, 50), probe => !bloom.Contains(-(long)probe));
    }

    [KernelFact]
    public void Queue_operations_on_a_hash_map_are_refused()
    {
        using var map = BpfMap.Create(new MapDefinition("not_queue", BpfMapType.Hash, 4, 4, 2));

        var error = Assert.Throws<InvalidOperationException>(() => map.Push(1));
        Assert.Contains("Push works on Queue, Stack, BloomFilter maps", error.Message);
        Assert.Throws<InvalidOperationException>(() => map.TryPop(out int _));
        Assert.Throws<InvalidOperationException>(() => map.Contains(1));
    }

    [KernelFact]
    public void Keys_of_a_queue_are_refused()
    {
        using var queue = BpfMap.Create(new MapDefinition("queue_keys", BpfMapType.Queue, 0, 4, 2));

        Assert.Throws<InvalidOperationException>(() => queue.Keys());
    }
}
