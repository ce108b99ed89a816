namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Reads a probed function's arguments from its registers, copies kernel memory and records the stack.
public static unsafe class ReadsProbeRegisters
{
    private static readonly StackTraceMap Stacks = new(maxEntries: 256);
    private static readonly HashMap<ulong, long> LastStack = new(maxEntries: 1024);

    [Kprobe("vfs_read")]
    public static int OnRead(PtRegs* regs)
    {
        ulong file = regs->Arg(0);
        ulong count = regs->Arg(2);
        ulong first = 0;
        Bpf.ProbeReadKernel(&first, 8, (void*)file);
        long stack = Stacks.GetStackId(regs);
        ulong task = Bpf.GetCurrentTask();
        LastStack.Update(task ^ first, stack + (long)count);
        return 0;
    }
}
