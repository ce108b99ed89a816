namespace EbpfSharp.Analyzers.Tests.Flow;

public class LookupNullCheckTests
{
    private const string Id = "EBPF0016";

    // ---- reported ----

    [Fact]
    public void Lookup_result_dereferenced_without_a_check_reports_EBPF0016_at_the_access()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            Counter* counter = Counters.Lookup(1);
            counter->Packets++;
            return XdpAction.Pass;
            """), "counter->Packets");
        Assert.Contains("map_value_or_null", diagnostic.GetMessage());
        Assert.Contains("Counters.Lookup(1)", diagnostic.GetMessage());
    }

    [Fact]
    public void Array_lookup_passed_by_reference_to_Interlocked_reports_EBPF0016()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            ulong* total = Totals.Lookup(0);
            Interlocked.Increment(ref *total);
            return XdpAction.Pass;
            """), "*total");
    }

    [Fact]
    public void Reserved_record_written_without_a_check_reports_EBPF0016()
    {
        var diagnostic = FlowSource.Diagnostics(Id, FlowSource.Xdp("""
            Event* record = Events.Reserve();
            record->Length = 1;
            Events.Submit(record);
            return XdpAction.Pass;
            """));
        Assert.Equal(["record->Length", "record"], diagnostic.Select(AnalyzerHarness.TextAt));
        Assert.Contains("ringbuf_mem_or_null", diagnostic[0].GetMessage());
    }

    [Fact]
    public void Reserved_record_submitted_without_a_check_reports_EBPF0016_at_the_argument()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            Event* record = Events.Reserve();
            Events.Submit(record);
            return XdpAction.Pass;
            """), "record");
    }

    [Fact]
    public void Use_after_an_if_that_checked_only_inside_reports_EBPF0016()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            Counter* counter = Counters.Lookup(1);
            if (counter != null)
                counter->Packets++;
            counter->Bytes += (ulong)ctx.Length;
            return XdpAction.Pass;
            """), "counter->Bytes");
    }

    [Fact]
    public void Use_on_the_null_branch_reports_EBPF0016()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            Counter* counter = Counters.Lookup(1);
            if (counter == null)
                return counter->Packets > 0 ? XdpAction.Drop : XdpAction.Pass;
            return XdpAction.Pass;
            """), "counter->Packets");
    }

    [Fact]
    public void Pointer_arithmetic_on_an_unchecked_lookup_reports_EBPF0016()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            ulong* total = Totals.Lookup(0);
            ulong* next = total + 1;
            return next == null ? XdpAction.Drop : XdpAction.Pass;
            """), "total + 1");
        Assert.Contains("pointer arithmetic on map_value_or_null prohibited", diagnostic.GetMessage());
    }

    [Fact]
    public void Property_read_through_an_unchecked_lookup_in_a_called_method_reports_EBPF0016()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            return Count() > 10 ? XdpAction.Drop : XdpAction.Pass;
            """, """
            static ulong Count()
            {
                ulong* total = Totals.Lookup(0);
                return *total;
            }
            """), "*total");
    }

    // ---- quiet ----

    [Theory]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        if (counter == null)
            return XdpAction.Pass;
        counter->Packets++;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        if (counter != null)
            Interlocked.Increment(ref counter->Packets);
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        if (counter is null)
            return XdpAction.Pass;
        counter->Bytes = 1;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        if (counter is not null)
            counter->Bytes = 1;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        return counter != null && counter->Packets > 5 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        ulong packets = counter == null ? 0 : counter->Packets;
        return packets > 5 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        if (counter == null || counter->Packets == 0)
            return XdpAction.Pass;
        return XdpAction.Drop;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        if (counter == null)
        {
            Counters.Update(1, default);
            counter = Counters.Lookup(1);
            if (counter == null)
                return XdpAction.Aborted;
        }
        counter->Packets++;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        Counter* same = counter;
        if (same == null)
            return XdpAction.Pass;
        counter->Packets++;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        bool found = counter != null;
        if (found)
            counter->Packets++;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Counter* counter = Counters.Lookup(1);
        if ((ulong)counter == 0)
            return XdpAction.Pass;
        counter->Packets++;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        Event* record = Events.Reserve();
        if (record == null)
            return XdpAction.Aborted;
        record->Length = (uint)ctx.Length;
        if (record->Length < 60)
        {
            Events.Discard(record);
            return XdpAction.Pass;
        }
        Events.Submit(record);
        return XdpAction.Drop;
        """)]
    [InlineData("""
        ulong sum = 0;
        for (uint i = 0; i < 4; i++)
        {
            ulong* total = Totals.Lookup(i);
            if (total != null)
                sum += *total;
        }
        return sum > 100 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        Counter fallback = default;
        Counter* counter = Counters.Lookup(1);
        if (counter == null)
            counter = &fallback;
        counter->Packets++;
        return XdpAction.Pass;
        """)]
    public void Checked_lookups_are_quiet(string body) =>
        FlowSource.None(Id, FlowSource.Xdp(body));

    [Fact]
    public void A_lookup_passed_to_your_own_method_is_not_followed()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            Counter* counter = Counters.Lookup(1);
            Bump(counter);
            return XdpAction.Pass;
            """, """
            static void Bump(Counter* counter)
            {
                if (counter != null)
                    counter->Packets++;
            }
            """));
    }

    [Fact]
    public void Lookups_in_host_code_are_not_analyzed()
    {
        FlowSource.None(Id, FlowSource.Xdp("return XdpAction.Pass;", """
            public static ulong Host() => Counters.Lookup(1)->Packets;
            """));
    }
}
