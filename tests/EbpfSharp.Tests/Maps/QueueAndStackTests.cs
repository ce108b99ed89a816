using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public class QueueAndStackTests
{
    private static uint[] Pending(ProgramMap map) => map.ContentBytes().Select(entry => BitConverter.ToUInt32(entry.Value)).ToArray();

    [Fact]
    public void A_queue_pops_the_oldest_value()
    {
        var queue = new QueueMap<uint>(maxEntries: 4);
        queue.Push(1);
        queue.Push(2);

        Assert.True(queue.TryPeek(out uint peeked));
        Assert.True(queue.TryPop(out uint popped));

        Assert.Equal(1u, peeked);
        Assert.Equal(1u, popped);
        Assert.Equal([2u], Pending(queue));
    }

    [Fact]
    public void A_stack_pops_the_newest_value()
    {
        var stack = new StackMap<uint>(maxEntries: 4);
        stack.Push(1);
        stack.Push(2);
        stack.Push(3);

        Assert.Equal([3u, 2u, 1u], Pending(stack));
        Assert.True(stack.TryPop(out uint popped));
        Assert.Equal(3u, popped);
    }

    [Fact]
    public void Pushing_onto_a_full_map_is_E2BIG()
    {
        var queue = new QueueMap<uint>(maxEntries: 2);
        queue.Push(1);
        queue.Push(2);

        Assert.Equal(E2BIG, queue.CallPush(3u));
        Assert.Equal([1u, 2u], Pending(queue));
    }

    [Fact]
    public void Pushing_with_Exist_onto_a_full_queue_drops_the_oldest()
    {
        var queue = new QueueMap<uint>(maxEntries: 2);
        queue.Push(1);
        queue.Push(2);

        Assert.Equal(0, queue.CallPush(3u, (ulong)MapUpdateFlags.Exist));
        Assert.Equal([2u, 3u], Pending(queue));
    }

    [Fact]
    public void Pushing_with_Exist_onto_a_full_stack_drops_the_bottom()
    {
        var stack = new StackMap<uint>(maxEntries: 2);
        stack.Push(1);
        stack.Push(2);

        Assert.Equal(0, stack.CallPush(3u, (ulong)MapUpdateFlags.Exist));
        Assert.Equal([3u, 2u], Pending(stack));
    }

    [Theory]
    [InlineData(1ul)]   // NoExist
    [InlineData(3ul)]
    [InlineData(4ul)]   // BPF_F_LOCK
    public void Push_flags_other_than_Any_and_Exist_are_EINVAL(ulong flags)
    {
        var queue = new QueueMap<uint>(maxEntries: 2);

        Assert.Equal(EINVAL, queue.CallPush(1u, flags));
        Assert.Empty(queue.ContentBytes());
    }

    [Fact]
    public void Pop_and_peek_of_an_empty_map_are_ENOENT_and_zero_the_value()
    {
        var stack = new StackMap<ulong>(maxEntries: 2);
        ulong popped = ulong.MaxValue, peeked = ulong.MaxValue;

        Assert.Equal(ENOENT, stack.CallPop(out popped));
        Assert.Equal(ENOENT, stack.CallPeek(out peeked));
        Assert.Equal(0ul, popped);
        Assert.Equal(0ul, peeked);
    }

    [Fact]
    public void Clear_empties_the_map()
    {
        var queue = new QueueMap<uint>(maxEntries: 2);
        queue.Push(1);

        queue.Clear();

        Assert.False(queue.TryPop(out _));
    }
}
