using System.Runtime.InteropServices;
using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>A backend of <see cref="LoadBalancer"/>: its address (host order) and MAC; 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct Backend
{
    public uint Address;
    public fixed byte Mac[6];
    public ushort Flags;
}

/// <summary>
/// A layer-4 load balancer: hashes the 5-tuple of an IPv4 TCP/UDP packet (murmur3's finaliser), picks one of 16
/// backend slots in an array map, rewrites the destination address (IP and L4 checksums updated incrementally)
/// and MACs, and sends the packet back out (XDP_TX). Empty slots and other packets pass. The harness seeds 12
/// backends. Twin: c/load_balancer.c.
/// </summary>
public static unsafe class LoadBalancer
{
    const uint BackendSlots = 16;

    static readonly ArrayMap<Backend> Backends = new(maxEntries: (int)BackendSlots);

    [Xdp]
    public static XdpAction Balance(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* ethernet) || ethernet->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        byte protocol = ip->Protocol;
        if (protocol != IPProtocol.Tcp && protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        int offset = sizeof(EthernetHeader) + ip->HeaderLength;
        // TCP and UDP both start with the ports; the checksum is at 16 in TCP, 6 in UDP.
        if (!ctx.TryGet(offset, out TcpHeader* tcp))
            return XdpAction.Pass;

        uint hash = ip->SourceAddress ^ ip->DestinationAddress * 0x9E3779B1u
            ^ ((uint)tcp->SourcePort << 16 | tcp->DestinationPort) ^ protocol;
        hash ^= hash >> 16;
        hash *= 0x85EBCA6Bu;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35u;
        hash ^= hash >> 16;
        Backend* backend = Backends.Lookup(hash % BackendSlots);
        if (backend == null || backend->Address == 0)
            return XdpAction.Pass;

        uint before = ip->DestinationAddress;
        ip->DestinationAddress = backend->Address;
        ip->Checksum = Checksum.Replace32(ip->Checksum, before, backend->Address);
        if (protocol == IPProtocol.Tcp)
            tcp->Checksum = Checksum.Replace32(tcp->Checksum, before, backend->Address);
        else
        {
            var udp = (UdpHeader*)tcp;
            if (udp->Checksum != 0)
                udp->Checksum = Checksum.Replace32(udp->Checksum, before, backend->Address);
        }
        for (int i = 0; i < 6; i++)
        {
            ethernet->Source[i] = ethernet->Destination[i];
            ethernet->Destination[i] = backend->Mac[i];
        }
        return XdpAction.Tx;
    }
}
