namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Counts openat2 calls per process from a kprobe whose typed parameters are the probed function's arguments.
public static unsafe class CountsOpensByKprobe
{
    private static readonly HashMap<uint, ulong> Opens = new(maxEntries: 1024);

    [Kprobe("do_sys_openat2")]
    public static int OnOpen(int dfd, byte* filename)
    {
        if (filename == null)
            return 0;
        uint process = (uint)(Bpf.GetCurrentPidTgid() >> 32);
        ulong* count = Opens.Lookup(process);
        if (count != null)
            *count += 1;
        else
            Opens.Update(process, 1);
        return 0;
    }
}
