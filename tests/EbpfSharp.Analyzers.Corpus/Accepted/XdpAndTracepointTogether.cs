namespace EbpfSharp.Analyzers.Corpus.Accepted;

// An XDP program and a raw tracepoint sharing a map.
public static unsafe class XdpAndTracepointTogether
{
    private static readonly ArrayMap<ulong> Events = new(maxEntries: 2);

    [Xdp]
    public static XdpAction CountPackets(XdpContext ctx)
    {
        ulong* packets = Events.Lookup(0);
        if (packets != null)
            *packets += 1;
        return XdpAction.Pass;
    }

    [RawTracepoint("sys_enter")]
    public static int CountSyscalls(RawTracepointContext ctx)
    {
        ulong* calls = Events.Lookup(1);
        if (calls != null)
            *calls += 1;
        return 0;
    }
}
