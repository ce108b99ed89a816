using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// A subprogram that reads a stack struct through a pointer.
public static unsafe class SubprogramWithPointer
{
    private struct Counters
    {
        public uint Small;
        public uint Large;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint Total(Counters* counters) => counters->Small + counters->Large;

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        var counters = new Counters();
        if (ctx.Length < 128)
            counters.Small++;
        else
            counters.Large++;
        return Total(&counters) == 1 ? XdpAction.Pass : XdpAction.Aborted;
    }
}
