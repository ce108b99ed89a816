namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A kprobe declaring seven typed arguments: x86-64 passes six in registers (rdi, rsi, rdx, rcx, r8, r9).
public static unsafe class KprobeTakesSevenArguments
{
    [Kprobe("do_sys_openat2")]
    public static int Run(long a, long b, long c, long d, long e, long f, long g) => (int)(a + g); // EBPF0022
}
