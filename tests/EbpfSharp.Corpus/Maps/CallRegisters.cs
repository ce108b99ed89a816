using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Register allocation around helper calls: a lookup's result kept in R0 through plain atomics with register
/// operands, a value live across a call on one path only, a map address loaded again at each call, and a
/// subtraction whose operands come from before and after a call.
/// </summary>
public static unsafe partial class CallRegisters
{
    static readonly HashMap<uint, ulong> Counts = new(maxEntries: 64);

    [Xdp]
    public static XdpAction CountByLength(XdpContext ctx)
    {
        uint key = (uint)ctx.Length & 7;
        ulong* count = Counts.Lookup(key);
        if (count == null)
        {
            Counts.Update(key, (ulong)ctx.Length, MapUpdateFlags.NoExist);
            return XdpAction.Pass;
        }
        Interlocked.Add(ref *count, (ulong)key + 1);
        Interlocked.Add(ref *count, (ulong)ctx.Length);
        return *count > 3000 ? XdpAction.Drop : XdpAction.Pass;
    }

    [Xdp]
    public static XdpAction DifferenceAcrossCall(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out byte* first))
            return XdpAction.Aborted;
        uint before = *first;
        uint key = before & 3;
        ulong* count = Counts.Lookup(key);
        uint after = key < 2 ? before : 0;
        ulong seen = count == null ? 7 : *count;
        uint difference = (uint)seen - after;
        if (count != null)
            *count = seen + 1;
        else
            Counts.Update(key, 1);
        return (difference & 1) == 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}
