namespace EbpfSharp.Analyzers.Tests.Flow;

public class UnboundedLoopTests
{
    private const string Id = "EBPF0017";

    [Fact]
    public void While_true_without_an_exit_reports_EBPF0017_at_the_keyword()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            while (true)
                Misses++;
            """), "while");
        Assert.Contains("never exits", diagnostic.GetMessage());
        Assert.Contains("infinite loop detected", diagnostic.GetMessage());
    }

    [Fact]
    public void For_without_a_condition_or_exit_reports_EBPF0017()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            for (;;)
            {
                Misses++;
            }
            """), "for");
    }

    [Fact]
    public void While_loop_whose_counter_is_never_incremented_reports_EBPF0017()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            int i = 0;
            ulong sum = 0;
            while (i < 10)
                sum += (ulong)i;
            return sum > 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "while");
        Assert.Contains("'i < 10'", diagnostic.GetMessage());
    }

    [Fact]
    public void For_loop_without_a_step_reports_EBPF0017()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            ulong sum = 0;
            for (int i = 0; i < 16;)
                sum += (ulong)i;
            return sum > 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "for");
    }

    [Fact]
    public void Break_guarded_by_a_value_the_loop_never_changes_reports_EBPF0017()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            uint limit = ctx.RxQueueIndex;
            while (true)
            {
                if (limit == 0)
                    break;
                Misses++;
            }
            return XdpAction.Pass;
            """), "while");
    }

    [Fact]
    public void Do_while_on_an_unchanged_parameter_reports_EBPF0017()
    {
        FlowSource.Single(Id, FlowSource.Xdp("return Spin(ctx.RxQueueIndex);", """
            static XdpAction Spin(uint rounds)
            {
                do
                {
                    Misses++;
                } while (rounds > 0);
                return XdpAction.Pass;
            }
            """), "do");
    }

    [Fact]
    public void Counter_stepping_away_from_its_bound_reports_EBPF0017()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            ulong sum = 0;
            for (int i = 0; i < 16; i--)
                sum += (ulong)i;
            return sum > 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "for");
        Assert.Contains("steps 'i' away", diagnostic.GetMessage());
    }

    [Fact]
    public void Counting_up_to_a_writable_global_reports_EBPF0017()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            ulong state = (ulong)ctx.Length;
            for (ulong i = 0; i < Rounds; i++)
                state = state * 31 + 7;
            return (state & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
            """, "static ulong Rounds = 100;"), "for");
        Assert.Contains("'Rounds'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("for (ulong i = 0; i < Frozen; i++) sum++;")]
    [InlineData("for (ulong i = 0; i < Rounds && i < 64; i++) sum++;")]
    [InlineData("for (ulong i = 0; i < Rounds; i++) { if (i > 64) break; sum++; }")]
    [InlineData("for (byte i = 0; i < Small; i++) sum++;")]
    public void Global_bounds_the_verifier_can_see_are_quiet(string loop)
    {
        FlowSource.None(Id, FlowSource.Xdp($$"""
            ulong sum = 0;
            {{loop}}
            return sum > 3 ? XdpAction.Drop : XdpAction.Pass;
            """, "static ulong Rounds = 100; static readonly ulong Frozen = 100; static byte Small = 10;"));
    }

    [Theory]
    [InlineData("for (int i = 0; i < 16; i++) sum += (ulong)i;")]
    [InlineData("for (int i = 11; i >= 0; i--) sum += (ulong)i;")]
    [InlineData("for (uint i = 0; i < 16; i--) sum += i;")]
    [InlineData("for (int i = 0; i < n; i++) sum += (ulong)i;")]
    [InlineData("for (int i = 0; i < n && i < 16; i++) sum += (ulong)i;")]
    [InlineData("int i = 0; while (true) { if (i >= 16) break; sum++; i++; }")]
    [InlineData("int i = 0; while (i < 16) { sum++; i += 2; }")]
    [InlineData("int lo = 14, hi = 21; do { sum++; lo++; hi--; } while (lo < hi);")]
    [InlineData("uint x = n; while (x != 0) { sum++; x >>= 1; }")]
    [InlineData("while (Bpf.GetPrandomU32() % 7 != 0) sum++;")]
    [InlineData("while (true) { sum++; return sum > 3 ? XdpAction.Drop : XdpAction.Pass; }")]
    [InlineData("do { sum++; } while (false);")]
    [InlineData("int i = 0; while (i < 16) { Step(ref i); sum++; }")]
    [InlineData("int i = 0; while (i < 16) { int* p = &i; (*p)++; sum++; }")]
    [InlineData("int i = 0; again: sum++; i++; if (i < 4) goto again;")]
    [InlineData("while (true) { uint r = Bpf.GetPrandomU32(); if (r == 0) break; sum += r; }")]
    [InlineData("while (true) { if (Bpf.GetPrandomU32() == 0) break; sum++; }")]
    [InlineData("int i = 0; while (i < 16) { switch (i) { case 3: i += 2; break; default: i++; break; } sum++; }")]
    public void Bounded_or_undecidable_loops_are_quiet(string loop)
    {
        FlowSource.None(Id, FlowSource.Xdp($$"""
            ulong sum = 0;
            int n = (int)(ctx.RxQueueIndex & 15);
            {{loop}}
            return sum > 3 ? XdpAction.Drop : XdpAction.Pass;
            """.Replace("uint x = n;", "uint x = (uint)n;"), "static void Step(ref int i) => i++;"));
    }

    [Fact]
    public void Loops_in_host_code_are_not_analyzed()
    {
        FlowSource.None(Id, FlowSource.Xdp("return XdpAction.Pass;", """
            public static void Host() { while (true) { } }
            """));
    }
}
