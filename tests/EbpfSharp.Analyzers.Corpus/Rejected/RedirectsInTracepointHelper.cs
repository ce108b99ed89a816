namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A helper that calls bpf_redirect, called from a raw tracepoint.
public static unsafe class RedirectsInTracepointHelper
{
    private static bool Forward(uint ifindex) => Bpf.Redirect(ifindex, 0) == XdpAction.Redirect; // EBPF0018

    [RawTracepoint("sys_exit")]
    public static int Run(RawTracepointContext ctx) => Forward((uint)ctx.Arg(0)) ? 1 : 0;
}
