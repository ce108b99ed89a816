using System.Buffers.Binary;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Reads UDP ports through typed pointers into the packet.
public static unsafe class RawPortsByPointer
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 42 > ctx.DataEnd)
            return XdpAction.Pass;
        if (data[23] != 17)
            return XdpAction.Pass;
        ushort destination = BinaryPrimitives.ReverseEndianness(*(ushort*)(data + 36));
        return destination >= 33434 && destination <= 33534 ? XdpAction.Drop : XdpAction.Pass;
    }
}
