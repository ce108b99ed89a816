namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A flow described by a record class (a heap object) instead of a record struct.
public static unsafe class AllocatesRecordClass
{
    private sealed record Flow(uint Source, uint Destination);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 34 > ctx.DataEnd)
            return XdpAction.Pass;
        var flow = new Flow(*(uint*)(data + 26), *(uint*)(data + 30)); // EBPF0001
        return flow.Source == flow.Destination ? XdpAction.Drop : XdpAction.Pass;
    }
}
