using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Memory;

/// <summary>
/// Loads of bytes read or written before (Optimize/LoadForwarding.cs) and stack stores overwritten later
/// (Lower/FrameStoreElimination.cs): the cases where reusing a value or dropping a store would be wrong.
/// </summary>
public static unsafe class ReusedLoads
{
    static readonly ArrayMap<uint> Weights = new(maxEntries: 4);

    /// <summary>Reads a byte, writes it decremented, reads it again (the TTL update's shape).</summary>
    [Xdp]
    public static XdpAction ReadWriteRead(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 4 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* p = data + 14;
        int before = p[0] << 8 | p[1];
        p[0]--;
        int after = p[0] << 8 | p[1];
        p[2] = (byte)(after - before);
        p[3] = (byte)(after >> 8);
        return XdpAction.Tx;
    }

    /// <summary>A 16-bit store, then byte loads of its two bytes and a 32-bit load over it and its neighbours.</summary>
    [Xdp]
    public static XdpAction StoreWideLoadNarrow(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 8 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* p = data + 14;
        uint word = *(uint*)(p + 2);
        *(ushort*)(p + 3) = (ushort)(word * 7 + 0x1234);
        p[0] = p[3];
        p[1] = p[4];
        *(uint*)(p + 4) = *(uint*)(p + 2) ^ word;
        return XdpAction.Tx;
    }

    /// <summary>A byte store into a word loaded before: the word is read again, not reused.</summary>
    [Xdp]
    public static XdpAction StoreNarrowLoadWide(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 4 * sizeof(ushort) > ctx.DataEnd)
            return XdpAction.Pass;
        ushort* p = (ushort*)(data + 14);
        ushort first = p[0];
        ((byte*)p)[1] = (byte)(first + 1);
        p[1] = (ushort)(p[0] - first);
        return XdpAction.Tx;
    }

    /// <summary>An int stored as a ushort and read back: the value read is truncated to 16 bits.</summary>
    [Xdp]
    public static XdpAction TruncatedForward(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 8 * sizeof(ushort) > ctx.DataEnd)
            return XdpAction.Pass;
        ushort* p = (ushort*)(data + 14);
        int wide = p[0] * 0x10001 + p[1];
        p[2] = (ushort)wide;
        int back = p[2];
        *(int*)(p + 2) = back == wide ? 1 : back;
        return XdpAction.Tx;
    }

    /// <summary>A store through a pointer at a packet-dependent offset may change the bytes another pointer reads.</summary>
    [Xdp]
    public static XdpAction StoreThroughOtherPointer(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 16 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* p = data + 14;
        byte* q = p + (p[0] & 7);
        if (q + 1 > ctx.DataEnd)
            return XdpAction.Pass;
        byte before = p[5];
        *q = (byte)(before + 1);
        byte after = p[5];
        p[8] = (byte)(after - before);
        return XdpAction.Tx;
    }

    /// <summary>A byte read before bpf_xdp_adjust_head and the same byte read after it through the new start.</summary>
    [Xdp]
    public static XdpAction ReadAcrossAdjustHead(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 4 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* p = data + 14;
        byte before = p[2];
        p[2] = (byte)(before + 3);
        if (Bpf.XdpAdjustHead(ctx, 2) != 0)
            return XdpAction.Aborted;
        byte* start = ctx.Data;
        if (start + 16 > ctx.DataEnd)
            return XdpAction.Aborted;
        byte* moved = start + 12;
        moved[3] = (byte)(moved[2] - before);
        return XdpAction.Tx;
    }

    /// <summary>A stack buffer (zeroed by C#) filled on one path and only in part on the other, then read whole.</summary>
    [Xdp]
    public static XdpAction PartlyOverwrittenStack(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 2 * sizeof(ulong) > ctx.DataEnd)
            return XdpAction.Pass;
        ulong* words = (ulong*)(data + 14);
        ulong* scratch = stackalloc ulong[3];
        if ((words[0] & 1) != 0)
        {
            scratch[0] = words[0];
            scratch[1] = words[1];
            scratch[2] = 5;
        }
        else
        {
            scratch[1] = words[1] + 1;
        }
        words[0] = scratch[0] + scratch[1] + scratch[2];
        return XdpAction.Tx;
    }
    /// <summary>A byte checked, a map lookup, the byte branched on again (read again after the call, Optimize/PacketReload.cs).</summary>
    [Xdp]
    public static XdpAction BranchAgainAfterLookup(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 4 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* p = data + 14;
        byte kind = p[1];
        if (kind != 6 && kind != 17)
            return XdpAction.Pass;
        uint* weight = Weights.Lookup(p[0] & 3u);
        if (weight == null)
            return XdpAction.Aborted;
        *weight += kind;
        p[2] = (byte)(p[2] + *weight);
        p[3] = kind == 6 ? (byte)(p[3] ^ 0x55) : (byte)(p[3] + kind);
        return XdpAction.Tx;
    }

    /// <summary>As <see cref="BranchAgainAfterLookup"/>, but the byte is overwritten before the call: the value read first is used after it.</summary>
    [Xdp]
    public static XdpAction StoreThenBranchAfterLookup(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 4 > ctx.DataEnd)
            return XdpAction.Pass;
        byte* p = data + 14;
        byte kind = p[1];
        if (kind != 6 && kind != 17)
            return XdpAction.Pass;
        p[1] = (byte)(kind + 100);
        uint* weight = Weights.Lookup(p[0] & 3u);
        if (weight == null)
            return XdpAction.Aborted;
        p[2] = (byte)(p[2] + *weight);
        p[3] = kind == 6 ? (byte)(p[3] ^ 0x55) : (byte)(p[3] + kind);
        return XdpAction.Tx;
    }

    /// <summary>A byte checked, bpf_xdp_adjust_head, the byte branched on again: the value read first is used, not the moved packet's.</summary>
    [Xdp]
    public static XdpAction BranchAgainAfterAdjustHead(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 + 4 > ctx.DataEnd)
            return XdpAction.Pass;
        byte kind = data[15];
        if (kind != 6 && kind != 17)
            return XdpAction.Pass;
        if (Bpf.XdpAdjustHead(ctx, 1) != 0)
            return XdpAction.Aborted;
        byte* start = ctx.Data;
        if (start + 14 + 4 > ctx.DataEnd)
            return XdpAction.Aborted;
        start[16] = kind == 6 ? (byte)(start[15] ^ 0x55) : (byte)(start[15] + kind);
        return XdpAction.Tx;
    }
}
