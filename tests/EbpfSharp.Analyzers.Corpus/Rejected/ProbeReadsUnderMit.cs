namespace EbpfSharp.Analyzers.Corpus.Rejected;

// bpf_probe_read_kernel (GPL-only) in an MIT-licensed kprobe.
[License("MIT")]
public static unsafe class ProbeReadsUnderMit
{
    private static readonly ArrayMap<ulong> FirstWord = new(maxEntries: 1);

    [Kprobe("vfs_read")]
    public static int Run(PtRegs* regs)
    {
        ulong word = 0;
        Bpf.ProbeReadKernel(&word, 8, (void*)regs->Arg(0)); // EBPF0019
        FirstWord.Update(0, word);
        return 0;
    }
}
