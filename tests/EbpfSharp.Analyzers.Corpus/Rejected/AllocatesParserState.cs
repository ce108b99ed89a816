namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A parser keeps its state in a class instance.
public static unsafe class AllocatesParserState
{
    private sealed class ParserState
    {
        public int Offset;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var state = new ParserState(); // EBPF0001
        state.Offset = 14;
        return state.Offset < ctx.Length ? XdpAction.Pass : XdpAction.Drop;
    }
}
