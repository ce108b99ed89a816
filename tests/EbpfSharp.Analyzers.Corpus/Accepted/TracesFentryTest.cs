namespace EbpfSharp.Analyzers.Corpus.Accepted;

// fentry and fexit on bpf_fentry_test1 (int a: returns a + 1), the kernel's own test function for trampolines.
public static unsafe class TracesFentryTest
{
    private static readonly ArrayMap<long> Seen = new(maxEntries: 2);

    [Fentry("bpf_fentry_test1")]
    public static int OnEntry(int a)
    {
        Seen.Update(0, a);
        return 0;
    }

    [Fexit("bpf_fentry_test1")]
    public static int OnExit(int a, int result)
    {
        Seen.Update(1, result - a);
        return 0;
    }
}
