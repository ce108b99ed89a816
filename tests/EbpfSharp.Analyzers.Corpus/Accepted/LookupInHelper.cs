namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A helper returns the checked lookup result as a value.
public static unsafe class LookupInHelper
{
    private static readonly HashMap<ushort, uint> PortLimits = new(maxEntries: 1024);

    private static uint LimitFor(ushort port)
    {
        uint* limit = PortLimits.Lookup(port);
        return limit == null ? 1500u : *limit;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 38 > ctx.DataEnd)
            return XdpAction.Pass;
        ushort port = (ushort)(data[36] << 8 | data[37]);
        return (uint)ctx.Length > LimitFor(port) ? XdpAction.Drop : XdpAction.Pass;
    }
}
