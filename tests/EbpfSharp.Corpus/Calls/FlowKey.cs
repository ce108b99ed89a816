namespace EbpfSharp.Corpus.Calls;

/// <summary>A flow's addresses and ports, as a struct local with methods.</summary>
public struct FlowKey
{
    public uint Source;
    public uint Destination;
    public ushort SourcePort;
    public ushort DestinationPort;

    public readonly uint Hash()
    {
        uint h = Source * 0x9E3779B1u;
        h ^= Destination + 0x7F4A7C15u + (h << 6) + (h >> 2);
        h ^= (uint)(SourcePort << 16 | DestinationPort);
        return h ^ h >> 15;
    }

    public void Reverse()
    {
        (Source, Destination) = (Destination, Source);
        (SourcePort, DestinationPort) = (DestinationPort, SourcePort);
    }
}
