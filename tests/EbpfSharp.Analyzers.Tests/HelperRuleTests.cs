namespace EbpfSharp.Analyzers.Tests;

using static RuleAssert;

/// <summary>EBPF0018 and EBPF0019: helpers per program type and GPL-only helpers.</summary>
public sealed class HelperRuleTests
{
    [Fact]
    public void Packet_helpers_in_a_raw_tracepoint_report_EBPF0018_and_task_helpers_in_XDP_do_not()
    {
        string source = Program("""
            static readonly StackTraceMap Stacks = new(maxEntries: 16);
            [Xdp]
            public static XdpAction Run(XdpContext ctx) =>
                Bpf.GetCurrentUidGid() > 0 ? XdpAction.Pass : XdpAction.Drop;
            [RawTracepoint("sys_enter")]
            public static int Trace(RawTracepointContext ctx)
            {
                long id = Stacks.GetStackId(ctx);
                return (int)Bpf.Redirect(1, 0) + (int)id + (int)Bpf.GetCurrentPidTgid();
            }
            """);
        // The kernel's bpf_base_func_proto gives XDP the bpf_get_current_* helpers (checked by the verifier corpus).
        Assert.Equal(["Bpf.Redirect(1, 0)"], Reported("EBPF0018", source));
    }

    [Fact]
    public void A_helper_shared_by_both_program_kinds_reports_EBPF0018_for_the_kind_that_cannot_call_it()
    {
        string source = Program("""
            static long Fold(uint seed) => Bpf.CsumDiff(null, 0, null, 0, seed);
            [Xdp]
            public static XdpAction Run(XdpContext ctx) => Fold(1) > 0 ? XdpAction.Pass : XdpAction.Drop;
            [RawTracepoint("sys_enter")]
            public static int Trace(RawTracepointContext ctx) => (int)Fold(2);
            """);
        var diagnostic = Assert.Single(AnalyzerHarness.Analyze(source), candidate => candidate.Id == "EBPF0018");
        Assert.Contains("raw tracepoint", diagnostic.GetMessage());
        Assert.Contains("'Probe.Trace'", diagnostic.GetMessage());
    }

    [Fact]
    public void Printk_with_a_proprietary_license_reports_EBPF0019()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                Bpf.Printk("hello\n");
                return XdpAction.Pass;
            }
            """, attributes: """[License("Proprietary")]""");
        Assert.Equal(["Bpf.Printk(\"hello\\n\")"], Reported("EBPF0019", source));
    }

    [Theory]
    [InlineData("")]
    [InlineData("""[License("Dual MIT/GPL")]""")]
    [InlineData("""[License("GPL v2")]""")]
    public void Printk_with_a_GPL_compatible_license_does_not_report_EBPF0019(string attributes) =>
        Silent(Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                Bpf.Printk("hello\n");
                return XdpAction.Pass;
            }
            """, attributes));

    [Fact]
    public void Non_GPL_helpers_with_a_proprietary_license_do_not_report_EBPF0019() =>
        Silent(Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx) => Bpf.KtimeGetNs() > 0 ? XdpAction.Pass : XdpAction.Drop;
            """, attributes: """[License("Proprietary")]"""));
}
