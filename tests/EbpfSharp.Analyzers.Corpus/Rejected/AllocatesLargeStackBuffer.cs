namespace EbpfSharp.Analyzers.Corpus.Rejected;

// stackalloc of 1 KiB: twice the eBPF stack.
public static unsafe class AllocatesLargeStackBuffer
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* buffer = stackalloc byte[1024]; // EBPF0014
        buffer[0] = (byte)ctx.Length;
        buffer[1023] = buffer[0];
        return buffer[1023] > 60 ? XdpAction.Pass : XdpAction.Drop;
    }
}
