namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Folds a checksum difference of two syscall arguments in a raw tracepoint.
public static unsafe class FoldsChecksumInTracepoint
{
    private struct Words
    {
        public uint First;
        public uint Second;
    }

    [RawTracepoint("sys_enter")]
    public static int Run(RawTracepointContext ctx)
    {
        var before = new Words { First = (uint)ctx.Arg(0), Second = (uint)ctx.Arg(1) };
        var after = new Words { First = (uint)ctx.Arg(2), Second = (uint)ctx.Arg(3) };
        long diff = Bpf.CsumDiff(&before.First, 8, &after.First, 8, 0); // EBPF0018
        return (int)(diff & 0xffff);
    }
}
