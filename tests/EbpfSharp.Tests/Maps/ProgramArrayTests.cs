namespace EbpfSharp.Tests.Maps;

public class ProgramArrayTests
{
    private static readonly XdpContext Packet = XdpContext.ForPacket(new byte[14]);

    [Fact]
    public void A_tail_call_returns_the_target_programs_verdict()
    {
        var jumps = new ProgramArray(maxEntries: 4);
        jumps.Set(2, _ => XdpAction.Drop);

        Assert.Equal(XdpAction.Drop, jumps.TailCall(Packet, 2, XdpAction.Pass));
    }

    [Fact]
    public void An_empty_slot_or_an_index_past_the_end_gives_the_fallback()
    {
        var jumps = new ProgramArray(maxEntries: 4);
        jumps.Set(3, _ => XdpAction.Drop);

        Assert.Equal(XdpAction.Pass, jumps.TailCall(Packet, 1, XdpAction.Pass));
        Assert.Equal(XdpAction.Aborted, jumps.TailCall(Packet, 4, XdpAction.Aborted));
        jumps.Set(3, null);
        Assert.Equal(XdpAction.Tx, jumps.TailCall(Packet, 3, XdpAction.Tx));
    }

    [Fact]
    public void Set_past_the_end_throws()
    {
        var jumps = new ProgramArray(maxEntries: 4);

        Assert.Throws<ArgumentOutOfRangeException>(() => jumps.Set(4, _ => XdpAction.Pass));
    }

    [Fact]
    public void At_most_33_tail_calls_chain_in_one_run()
    {
        var jumps = new ProgramArray(maxEntries: 1);
        int runs = 0;
        XdpAction Loop(XdpContext ctx)
        {
            runs++;
            return jumps.TailCall(ctx, 0, XdpAction.Drop);
        }
        jumps.Set(0, Loop);

        Assert.Equal(XdpAction.Drop, Loop(Packet));
        Assert.Equal(1 + ProgramArray.MaxChainedCalls, runs);

        runs = 0;
        Loop(Packet);   // the count starts again with the next run
        Assert.Equal(34, runs);
    }

    [Fact]
    public void Tail_calls_to_empty_slots_inside_a_chain_count_toward_the_limit()
    {
        var jumps = new ProgramArray(maxEntries: 2);
        int runs = 0;
        XdpAction Loop(XdpContext ctx)
        {
            runs++;
            jumps.TailCall(ctx, 1, XdpAction.Pass);   // empty: falls through, but counts (from the second run on)
            return jumps.TailCall(ctx, 0, XdpAction.Drop);
        }
        jumps.Set(0, Loop);

        Loop(Packet);

        // Run 1 makes call 1; each later run n makes calls 2n - 2 (empty) and 2n - 1; call 34 would be the 18th run's.
        Assert.Equal(18, runs);
    }

    [Fact]
    public void Chains_on_different_threads_are_counted_apart()
    {
        var jumps = new ProgramArray(maxEntries: 1);
        var runs = new ThreadLocal<int>(() => 0, trackAllValues: true);
        jumps.Set(0, ctx =>
        {
            runs.Value++;
            return jumps.TailCall(ctx, 0, XdpAction.Drop);
        });

        Parallel.For(0, 4, _ => jumps.TailCall(Packet, 0, XdpAction.Pass));

        Assert.Equal(4 * ProgramArray.MaxChainedCalls, runs.Values.Sum());
    }

    [Fact]
    public void ContentBytes_lists_the_occupied_slots()
    {
        var jumps = new ProgramArray(maxEntries: 4);
        jumps.Set(1, _ => XdpAction.Pass);
        jumps.Set(3, _ => XdpAction.Pass);

        Assert.Equal([MapCalls.Key(1), MapCalls.Key(3)], jumps.ContentBytes().Select(entry => entry.Key));
        Assert.All(jumps.ContentBytes(), entry => Assert.Empty(entry.Value));

        jumps.Clear();
        Assert.Empty(jumps.ContentBytes());
    }
}
