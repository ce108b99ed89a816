namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_redirect in a kprobe: kprobe_prog_func_proto has no packet helpers.
public static unsafe class RedirectsFromKprobe
{
    [Kprobe("dev_queue_xmit")]
    public static int Run(PtRegs* regs)
    {
        var verdict = Bpf.Redirect((uint)regs->Arg(1), 0); // EBPF0018
        return verdict == XdpAction.Redirect ? 1 : 0;
    }
}
