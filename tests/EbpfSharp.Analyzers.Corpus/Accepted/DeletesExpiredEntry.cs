namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Deletes an entry once its deadline has passed.
public static unsafe class DeletesExpiredEntry
{
    private static readonly HashMap<uint, ulong> Deadlines = new(maxEntries: 128);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint key = ctx.IngressIfindex;
        ulong* deadline = Deadlines.Lookup(key);
        if (deadline == null)
            return XdpAction.Pass;
        if (Bpf.KtimeGetBootNs() > *deadline)
        {
            Deadlines.Delete(key);
            return XdpAction.Pass;
        }
        return XdpAction.Drop;
    }
}
