using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Counts malformed IPv4 frames by reason. The class also declares a stack trace map, so its object carries one
/// and it must load: XDP programs cannot fill it, because the kernel offers <c>bpf_get_stackid</c> only to
/// tracing programs such as <c>[RawTracepoint]</c> ones (kernel: net/core/filter.c, xdp_func_proto has no
/// BPF_FUNC_get_stackid).
/// </summary>
public static unsafe partial class MalformedFrames
{
    const uint Runt = 0, NotVersion4 = 1, ShortHeader = 2, TruncatedPacket = 3, ZeroTtl = 4, Fragment = 5, WellFormed = 6;

    static readonly ArrayMap<ulong> Reasons = new(maxEntries: 7);

    internal static readonly StackTraceMap DropStacks = new(maxEntries: 128, depth: 32);

    static readonly ushort MinimumFrame = 60;

    /// <summary>Classifies IPv4 frames; drops all but well-formed ones and fragments, which pass.</summary>
    [Xdp]
    public static XdpAction ClassifyMalformed(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return Count(Runt, XdpAction.Drop);
        if (ip->Version != 4)
            return Count(NotVersion4, XdpAction.Drop);
        if (ip->HeaderLength < 20)
            return Count(ShortHeader, XdpAction.Drop);
        if (ip->TotalLength > ctx.Length - sizeof(EthernetHeader))
            return Count(TruncatedPacket, XdpAction.Drop);
        if (ip->Ttl == 0)
            return Count(ZeroTtl, XdpAction.Drop);
        if (ip->IsFragment)
            return Count(Fragment, XdpAction.Pass);
        return Count(ctx.Length < MinimumFrame ? Runt : WellFormed, XdpAction.Pass);
    }

    private static XdpAction Count(uint reason, XdpAction verdict)
    {
        ulong* count = Reasons.Lookup(reason);
        if (count != null)
            (*count)++;
        return verdict;
    }
}
