using EbpfSharp.Net;

namespace EbpfSharp.Compiler.Tests.Programs;

/// <summary>Helper calls whose register shapes <see cref="RegisterAllocationTests"/> checks.</summary>
public static unsafe class CallShapes
{
    static readonly HashMap<uint, ulong> Counts = new(maxEntries: 64);

    [Xdp]
    public static XdpAction LookupThenCount(XdpContext ctx)
    {
        uint key = (uint)ctx.Length & 63;
        ulong* count = Counts.Lookup(key);
        if (count == null)
        {
            Counts.Update(key, 1);
            return XdpAction.Pass;
        }
        Interlocked.Add(ref *count, (ulong)key);
        return XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction LookupClamped(XdpContext ctx)
    {
        uint length = (uint)ctx.Length;
        if (length < 60)
            return XdpAction.Pass;
        ulong* count = Counts.Lookup(length < 100 ? length : 0);
        if (count != null)
            Interlocked.Increment(ref *count);
        return XdpAction.Pass;
    }
}
