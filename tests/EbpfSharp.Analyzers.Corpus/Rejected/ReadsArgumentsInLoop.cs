namespace EbpfSharp.Analyzers.Corpus.Rejected;

// PtRegs.Arg with a loop counter: each argument is a different register, so the index must be a constant.
public static unsafe class ReadsArgumentsInLoop
{
    private static readonly ArrayMap<ulong> Sums = new(maxEntries: 1);

    [Kprobe("vfs_read")]
    public static int Run(PtRegs* regs)
    {
        ulong sum = 0;
        for (int i = 0; i < 3; i++)
            sum += regs->Arg(i); // EBPF0024
        Sums.Update(0, sum);
        return 0;
    }
}
