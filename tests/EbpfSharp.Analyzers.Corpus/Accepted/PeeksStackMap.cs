namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Peeks the newest value of a stack map.
public static unsafe class PeeksStackMap
{
    private static readonly StackMap<uint> Recent = new(maxEntries: 8);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        if (Recent.TryPeek(out uint last) && last == (uint)ctx.Length)
            return XdpAction.Drop;
        Recent.Push((uint)ctx.Length, MapUpdateFlags.Exist);
        return XdpAction.Pass;
    }
}
