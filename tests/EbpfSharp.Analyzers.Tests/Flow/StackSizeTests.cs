namespace EbpfSharp.Analyzers.Tests.Flow;

public class StackSizeTests
{
    private const string Id = "EBPF0014";

    [Fact]
    public void Stackalloc_that_crosses_512_bytes_reports_EBPF0014_at_it()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            byte* a = stackalloc byte[400];
            byte* b = stackalloc byte[200];
            a[0] = b[0];
            return XdpAction.Pass;
            """), "stackalloc byte[200]");
        Assert.Contains("at least 600 bytes", diagnostic.GetMessage());
    }

    [Fact]
    public void Large_struct_local_passed_by_value_reports_EBPF0014_at_its_declaration()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            Big big = default;
            big.Bytes[0] = 1;
            Bigs.Update(0, big);
            return XdpAction.Pass;
            """, """
            public struct Big { public fixed byte Bytes[600]; }
            static readonly ArrayMap<Big> Bigs = new(maxEntries: 1);
            """), "big = default");
    }

    [Fact]
    public void Large_struct_parameter_reports_EBPF0014_at_the_call_that_passes_it()
    {
        var diagnostics = FlowSource.Diagnostics(Id, FlowSource.Xdp("""
            Big big = default;
            Store(big);
            return XdpAction.Pass;
            """, """
            public struct Big { public fixed byte Bytes[300]; }
            static void Store(Big value) { }
            """));
        Assert.Equal(["Store(big)"], diagnostics.Select(AnalyzerHarness.TextAt));
        Assert.Contains("at least 608 bytes", diagnostics[0].GetMessage());
    }

    [Fact]
    public void Stack_across_a_call_chain_reports_EBPF0014_at_the_call_that_starts_the_chain()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            ulong* words = stackalloc ulong[40];
            words[0] = Fill();
            return XdpAction.Pass;
            """, """
            static ulong Fill()
            {
                ulong* more = stackalloc ulong[30];
                more[0] = 1;
                return more[0];
            }
            """), "Fill()");
        Assert.Contains("at least 560 bytes", diagnostic.GetMessage());
        Assert.Contains("Run → Fill", diagnostic.GetMessage());
    }

    [Fact]
    public void Two_fixed_buffer_locals_passed_to_a_helper_report_EBPF0014_at_the_second()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            Window first;
            Window second;
            first.Bytes[0] = (byte)ctx.Length;
            second.Bytes[0] = (byte)ctx.IngressIfindex;
            long diff = Bpf.CsumDiff((uint*)first.Bytes, 320, (uint*)second.Bytes, 320, 0);
            return diff == 0 ? XdpAction.Drop : XdpAction.Pass;
            """, """
            public struct Window { public fixed byte Bytes[320]; }
            """), "second");
    }

    [Fact]
    public void Same_typed_buffers_in_disjoint_scopes_may_share_a_slot_and_stay_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            long diff;
            if (ctx.Length > 100)
            {
                Window first;
                first.Bytes[0] = 1;
                diff = Bpf.CsumDiff(null, 0, (uint*)first.Bytes, 320, 0);
            }
            else
            {
                Window second;
                second.Bytes[0] = 2;
                diff = Bpf.CsumDiff(null, 0, (uint*)second.Bytes, 320, 0);
            }
            return diff == 0 ? XdpAction.Drop : XdpAction.Pass;
            """, """
            public struct Window { public fixed byte Bytes[320]; }
            """));
    }

    [Theory]
    [InlineData("byte* a = stackalloc byte[256]; byte* b = stackalloc byte[256]; a[0] = b[0];")]
    [InlineData("Big big = default; big.Bytes[0] = 1; Misses = big.Bytes[0];")]
    [InlineData("Big big = default; Big other = default; big.Bytes[0] = other.Bytes[1];")]
    [InlineData("ulong* words = stackalloc ulong[32]; words[0] = Fill();")]
    public void Stack_within_512_bytes_or_not_certainly_on_the_stack_is_quiet(string body)
    {
        FlowSource.None(Id, FlowSource.Xdp(body + "\nreturn XdpAction.Pass;", """
            public struct Big { public fixed byte Bytes[400]; }
            static ulong Fill()
            {
                ulong* more = stackalloc ulong[32];
                more[0] = 1;
                return more[0];
            }
            """));
    }

    [Fact]
    public void Host_code_is_not_analyzed()
    {
        FlowSource.None(Id, FlowSource.Xdp("return XdpAction.Pass;", """
            public static byte Host() { byte* a = stackalloc byte[4096]; return a[0]; }
            """));
    }
}
