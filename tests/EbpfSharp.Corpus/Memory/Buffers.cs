using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Memory;

/// <summary>Two MAC addresses held in fixed buffers on the stack.</summary>
public unsafe struct MacPair
{
    public fixed byte First[6];
    public fixed byte Second[6];

    public readonly bool Equal()
    {
        for (int i = 0; i < 6; i++)
        {
            if (First[i] != Second[i])
                return false;
        }
        return true;
    }
}

/// <summary>Fixed buffers in structs and stackalloc buffers.</summary>
public static unsafe class Buffers
{
    /// <summary>Copies both MACs into a stack struct with fixed buffers, then writes them back rotated by one byte.</summary>
    [Xdp]
    public static XdpAction FixedMacs(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        MacPair pair;
        for (int i = 0; i < 6; i++)
        {
            pair.First[i] = eth->Destination[i];
            pair.Second[i] = eth->Source[i];
        }
        if (pair.Equal())
            return XdpAction.Drop;
        for (int i = 0; i < 6; i++)
        {
            eth->Destination[i] = pair.Second[i == 5 ? 0 : i + 1];
            eth->Source[i] = pair.First[5 - i];
        }
        return XdpAction.Tx;
    }

    /// <summary>A stackalloc buffer used as a byte histogram of the first 32 payload bytes' low nibbles.</summary>
    [Xdp]
    public static XdpAction StackallocHistogram(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 46 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* counts = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
            counts[i] = 0;
        for (int i = 0; i < 32; i++)
            counts[data[14 + i] & 0x0F]++;
        byte max = 0;
        for (int i = 0; i < 16; i++)
        {
            if (counts[i] > max)
                max = counts[i];
            data[14 + i] = counts[i];
        }
        return max >= 8 ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>A zero-initialised stackalloc of ulongs (C# clears it) used as scratch, then copied into the packet.</summary>
    [Xdp]
    public static XdpAction StackallocWords(XdpContext ctx)
    {
        if (!ctx.TryGet(14, out ulong* words))
            return XdpAction.Pass;
        ulong* scratch = stackalloc ulong[4];
        scratch[(int)(*words & 3)] = *words;
        scratch[1] += 0x1111;
        *words = scratch[0] ^ scratch[1] ^ scratch[2] ^ scratch[3];
        return XdpAction.Tx;
    }

    /// <summary>A struct local copied wholesale from the packet and back with assignment through pointers.</summary>
    [Xdp]
    public static XdpAction HeaderCopy(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth))
            return XdpAction.Aborted;
        EthernetHeader copy = *eth;
        copy.EtherType = (ushort)(copy.EtherType + 1);
        copy.Source[0] ^= 0x02;
        *eth = copy;
        return XdpAction.Tx;
    }
}
