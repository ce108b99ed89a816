namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// One atomic counter in an array map and one atomic byte total in <c>.bss</c>, updated by every packet: the
/// acceptance test runs it from several CPUs at once and requires exact counts.
/// </summary>
public static unsafe partial class PacketTally
{
    static readonly ArrayMap<ulong> Counts = new(maxEntries: 1);

    static long TotalBytes;

    [Xdp]
    public static XdpAction Tally(XdpContext ctx)
    {
        ulong* count = Counts.Lookup(0);
        if (count == null)
            return XdpAction.Aborted;
        Interlocked.Increment(ref *count);
        Interlocked.Add(ref TotalBytes, ctx.Length);
        return XdpAction.Pass;
    }
}
