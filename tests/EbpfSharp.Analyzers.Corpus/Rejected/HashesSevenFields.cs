using System.Runtime.CompilerServices;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// A subprogram with seven parameters hashing a five-tuple.
public static unsafe class HashesSevenFields
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint FlowHash(uint source, uint destination, ushort sourcePort, ushort destinationPort, byte protocol, uint seed, uint rounds) // EBPF0021
    {
        uint hash = seed ^ rounds;
        hash = hash * 31 + source;
        hash = hash * 31 + destination;
        hash = hash * 31 + sourcePort;
        hash = hash * 31 + destinationPort;
        return hash * 31 + protocol;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 38 > ctx.DataEnd)
            return XdpAction.Pass;
        uint hash = FlowHash(*(uint*)(data + 26), *(uint*)(data + 30), *(ushort*)(data + 34), *(ushort*)(data + 36), data[23], 7, 1);
        return (hash & 1) == 0 ? XdpAction.Drop : XdpAction.Pass;
    }
}
