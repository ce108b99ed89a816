using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// A dispatcher that tail-calls a per-protocol program through a program array indexed by IP protocol, with a
/// fallback verdict for empty slots (ICMP and the rest have none), and a UDP handler that chains to a DNS handler.
/// The handlers are programs of their own too, so each also runs directly.
/// </summary>
public static unsafe partial class ProtocolDispatch
{
    const uint DnsSlot = 200;

    static readonly ProgramArray Jumps = new(maxEntries: 256);

    // Index: 0 dispatched, 1 TCP, 2 UDP, 3 DNS.
    static readonly ArrayMap<ulong> Handled = new(maxEntries: 4);

    static readonly ushort SshPort = 22;

    /// <summary>Jumps to the handler in the slot of the packet's IP protocol.</summary>
    [Xdp]
    public static XdpAction Dispatch(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Drop;
        Count(0);
        // An empty slot (ICMP and every protocol without a handler) returns the fallback: ICMP is sent back.
        XdpAction fallback = ip->Protocol == IPProtocol.Icmp ? XdpAction.Tx : XdpAction.Pass;
        return Jumps.TailCall(ctx, ip->Protocol, fallback);
    }

    /// <summary>Slot 6: drops SYNs to the SSH port.</summary>
    [Xdp]
    [ProgramArraySlot(nameof(Jumps), IPProtocol.Tcp)]
    public static XdpAction HandleTcp(XdpContext ctx)
    {
        Count(1);
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->HeaderLength < 20)
            return XdpAction.Drop;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out TcpHeader* tcp))
            return XdpAction.Drop;
        return tcp->IsSyn && tcp->DestinationPort == SshPort ? XdpAction.Drop : XdpAction.Pass;
    }

    /// <summary>Slot 17: chains to the DNS handler for port 53, passes other UDP.</summary>
    [Xdp]
    [ProgramArraySlot(nameof(Jumps), IPProtocol.Udp)]
    public static XdpAction HandleUdp(XdpContext ctx)
    {
        Count(2);
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->HeaderLength < 20)
            return XdpAction.Drop;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out UdpHeader* udp))
            return XdpAction.Drop;
        if (udp->DestinationPort != 53 && udp->SourcePort != 53)
            return XdpAction.Pass;
        return Jumps.TailCall(ctx, DnsSlot, XdpAction.Aborted);
    }

    /// <summary>Slot 200: sends DNS back (Tx) when the UDP length field is consistent, drops it otherwise.</summary>
    [Xdp]
    [ProgramArraySlot(nameof(Jumps), DnsSlot)]
    public static XdpAction HandleDns(XdpContext ctx)
    {
        Count(3);
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->HeaderLength < 20)
            return XdpAction.Drop;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out UdpHeader* udp))
            return XdpAction.Drop;
        return udp->Length >= 8 && udp->Length <= ctx.Length ? XdpAction.Tx : XdpAction.Drop;
    }

    private static void Count(uint index)
    {
        ulong* count = Handled.Lookup(index);
        if (count != null)
            Interlocked.Increment(ref *count);
    }
}
