using System.Collections.Generic;

namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Checks ports from an iterator method with a parameter.
public static unsafe class YieldsPortRange
{
    private static IEnumerable<ushort> Ports(ushort first, int count) // EBPF0008
    {
        for (int i = 0; i < count; i++)
            yield return (ushort)(first + i);
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        foreach (ushort port in Ports(8000, 4))
        {
            if (port == ctx.Length)
                return XdpAction.Drop;
        }
        return XdpAction.Pass;
    }
}
