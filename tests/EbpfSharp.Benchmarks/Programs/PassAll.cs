namespace EbpfSharp.Benchmarks.Programs;

/// <summary>The floor: a program that does nothing. Twin: c/pass_all.c.</summary>
public static class PassAll
{
    [Xdp]
    public static XdpAction Pass(XdpContext ctx) => XdpAction.Pass;
}
