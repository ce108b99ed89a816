namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A 640-byte struct local whose address goes to a helper.
public static unsafe class CopiesPayloadIntoBigStruct
{
    private struct Payload
    {
        public fixed uint Words[160];
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        Payload before; // EBPF0014
        Payload after;
        before.Words[0] = (uint)ctx.Length;
        after.Words[0] = ctx.IngressIfindex;
        long sum = Bpf.CsumDiff(before.Words, 4, after.Words, 4, 0);
        return sum == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}
