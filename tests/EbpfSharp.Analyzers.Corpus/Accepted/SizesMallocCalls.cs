namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Sums malloc sizes per thread from a uprobe, and reads the returned block's first bytes from a uretprobe.
public static unsafe class SizesMallocCalls
{
    private static readonly HashMap<ulong, ulong> Requested = new(maxEntries: 1024);
    private static readonly HashMap<ulong, ulong> FirstWord = new(maxEntries: 1024);

    [Uprobe("libc.so.6", "malloc")]
    public static int OnMalloc(ulong size)
    {
        ulong thread = Bpf.GetCurrentPidTgid();
        ulong* total = Requested.Lookup(thread);
        Requested.Update(thread, (total != null ? *total : 0) + size);
        return 0;
    }

    [Uretprobe("libc.so.6", "malloc")]
    public static int OnMallocReturn(PtRegs* regs)
    {
        ulong word = 0;
        if (Bpf.ProbeReadUser(&word, 8, (void*)regs->ReturnValue) == 0)
            FirstWord.Update(Bpf.GetCurrentPidTgid(), word);
        return 0;
    }

    [Uprobe]
    public static uint OnAnyFunction(PtRegs* regs) => (uint)regs->Arg(0);
}
