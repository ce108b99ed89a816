using System.Buffers.Binary;

namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Byte-swaps a 32-bit address with BinaryPrimitives.
public static unsafe class ByteSwapsWithBinaryPrimitives
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 34 > ctx.DataEnd)
            return XdpAction.Pass;
        uint source = BinaryPrimitives.ReverseEndianness(*(uint*)(data + 26));
        return source >> 24 == 127 ? XdpAction.Drop : XdpAction.Pass;
    }
}
