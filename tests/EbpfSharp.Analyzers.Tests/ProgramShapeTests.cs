namespace EbpfSharp.Analyzers.Tests;

using static RuleAssert;

/// <summary>EBPF0020 and EBPF0022: map key and value types, program signatures.</summary>
public sealed class ProgramShapeTests
{
    [Fact]
    public void Floating_point_map_values_report_EBPF0020_at_the_type_argument()
    {
        string source = Program("""
            public struct Sample { public uint Count; public double Mean; }
            static readonly HashMap<uint, Sample> Samples = new(maxEntries: 16);
            static readonly ArrayMap<float> Ratios = new(maxEntries: 4);
            static readonly HashMap<uint, ulong> Counts = new(maxEntries: 16);
            [Xdp]
            public static XdpAction Run(XdpContext ctx) => XdpAction.Pass;
            """);
        Assert.Equal(["Sample", "float"], Reported("EBPF0020", source));
    }

    [Fact]
    public void Wrong_program_signatures_report_EBPF0022_at_the_part_that_does_not_fit()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction TwoParameters(XdpContext ctx, int extra) => XdpAction.Pass;
            [Xdp]
            public static long WrongResult(XdpContext ctx) => 0;
            [Xdp]
            public static XdpAction Generic<T>(XdpContext ctx) => XdpAction.Pass;
            [RawTracepoint("sys-enter")]
            public static int BadName(RawTracepointContext ctx) => 0;
            [RawTracepoint("sys_enter")]
            public static int WrongContext(XdpContext ctx) => 0;
            """);
        Assert.Equal(["(XdpContext ctx, int extra)", "long", "<T>", "\"sys-enter\"", "(XdpContext ctx)"], Reported("EBPF0022", source));
    }

    [Fact]
    public void Accepted_program_signatures_do_not_report_EBPF0022() =>
        Silent(Program("""
            [Xdp]
            public static XdpAction Filter(XdpContext ctx) => XdpAction.Pass;
            [Xdp(Fragments = true)]
            public static int Numeric(XdpContext ctx) => 2;
            [RawTracepoint("sys_enter")]
            public static int Trace(RawTracepointContext ctx) => 0;
            [RawTracepoint("sched_switch")]
            public static ulong Wide(RawTracepointContext ctx) => 0;
            """));
}
