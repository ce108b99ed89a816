namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_redirect in a raw tracepoint.
public static unsafe class RedirectsFromTracepoint
{
    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        var verdict = Bpf.Redirect((uint)ctx.Arg(1), 0); // EBPF0018
        return verdict == XdpAction.Redirect ? 1 : 0;
    }
}
