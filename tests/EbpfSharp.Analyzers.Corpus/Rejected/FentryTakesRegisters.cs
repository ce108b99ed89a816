namespace EbpfSharp.Analyzers.Corpus.Rejected;

// An fentry program asking for PtRegs*: a trampoline passes the function's arguments, not registers.
public static unsafe class FentryTakesRegisters
{
    [Fentry("bpf_fentry_test1")]
    public static int Run(PtRegs* regs) => (int)regs->Arg(0); // EBPF0022
}
