namespace EbpfSharp.Analyzers.Tests;

using static RuleAssert;

/// <summary>EBPF0009 and EBPF0010: floating point and dynamic.</summary>
public sealed class TypeConstructTests
{
    [Fact]
    public void Floating_point_reports_EBPF0009_at_locals_parameters_and_expressions()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                double ratio = ctx.Length;
                int scaled = (int)(ctx.Length * 1.5);
                return Scale(2f) + scaled + (int)ratio > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            static int Scale(float factor) => (int)factor;
            """);
        Assert.Equal(["ratio", "ctx.Length * 1.5", "2f", "float factor"], Reported("EBPF0009", source));
    }

    [Fact]
    public void Constants_folded_to_integers_do_not_report_EBPF0009()
    {
        Silent(Program("""
            const double Ratio = 1.5;
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                const float Scale = 2.5f;
                int fixedPoint = (int)(Ratio * 1000) + (int)Scale + sizeof(double);
                return ctx.Length > fixedPoint ? XdpAction.Pass : XdpAction.Drop;
            }
            public static double Host(double x) => x * 1.5;
            """));
    }

    [Fact]
    public void Dynamic_reports_EBPF0010()
    {
        string source = Program("""
            [Xdp]
            public static XdpAction Run(XdpContext ctx)
            {
                dynamic value = ctx.Length;
                return Pick(ctx.Length) > 0 ? XdpAction.Pass : XdpAction.Drop;
            }
            static int Pick(int length) => ((dynamic)length).CompareTo(0);
            """);
        Assert.Equal(["value", "((dynamic)length).CompareTo(0)"], Reported("EBPF0010", source));
    }
}
