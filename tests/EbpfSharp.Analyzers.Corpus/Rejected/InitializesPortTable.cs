namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Keeps blocked ports in an array initializer.
public static unsafe class InitializesPortTable
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 38 > ctx.DataEnd)
            return XdpAction.Pass;
        int port = data[36] << 8 | data[37];
        int[] blocked = { 23, 135, 445 }; // EBPF0004
        for (int i = 0; i < 3; i++)
        {
            if (blocked[i] == port)
                return XdpAction.Drop;
        }
        return XdpAction.Pass;
    }
}
