namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Overwrites rax in a kretprobe's registers: a probe may only read them (bpf_override_return is the helper for that).
public static unsafe class ClearsProbeReturnValue
{
    [Kretprobe("vfs_read")]
    public static int Run(PtRegs* regs)
    {
        ((ulong*)regs)[10] = 0; // EBPF0025
        return 0;
    }
}
