using EbpfSharp.Net;

namespace EbpfSharp.Benchmarks.Programs;

/// <summary>Rewrites shared by the programs that send a frame back where it came from.</summary>
public static unsafe class Frames
{
    /// <summary>Swaps the Ethernet source and destination addresses.</summary>
    public static void SwapMacAddresses(EthernetHeader* ethernet)
    {
        for (int i = 0; i < 6; i++)
        {
            byte destination = ethernet->Destination[i];
            ethernet->Destination[i] = ethernet->Source[i];
            ethernet->Source[i] = destination;
        }
    }

    /// <summary>Swaps the IPv4 source and destination addresses; the header checksum stays valid.</summary>
    public static void SwapIpAddresses(IPv4Header* ip)
    {
        uint source = ip->SourceAddress;
        ip->SourceAddress = ip->DestinationAddress;
        ip->DestinationAddress = source;
    }
}
