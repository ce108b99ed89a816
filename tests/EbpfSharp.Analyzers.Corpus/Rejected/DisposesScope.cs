using System;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A using statement on a disposable struct compiles to try/finally.
public static unsafe class DisposesScope
{
    private struct Scope : IDisposable
    {
        public int Depth;

        public void Dispose() => Depth = 0;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        using (var scope = new Scope { Depth = 1 }) // EBPF0005
        {
            return ctx.Length > scope.Depth ? XdpAction.Pass : XdpAction.Drop;
        }
    }
}
