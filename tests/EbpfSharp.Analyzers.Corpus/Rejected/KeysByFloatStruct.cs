namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A map whose key struct holds a float.
public static unsafe class KeysByFloatStruct
{
    private struct Bucket
    {
        public uint Source;
        public float Weight;
    }

    private static readonly HashMap<Bucket, ulong> Buckets = new(maxEntries: 64); // EBPF0020

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var key = new Bucket { Source = ctx.IngressIfindex, Weight = 1 };
        ulong* count = Buckets.Lookup(key);
        return count == null ? XdpAction.Pass : XdpAction.Drop;
    }
}
