namespace EbpfSharp.Analyzers.Corpus.Rejected;

// PtRegs.Arg(6): x86-64 passes arguments 0 to 5 in registers; the seventh is on the stack.
public static unsafe class ReadsSeventhArgument
{
    [Kprobe("do_sys_openat2")]
    public static int Run(PtRegs* regs) => (int)regs->Arg(6); // EBPF0024
}
