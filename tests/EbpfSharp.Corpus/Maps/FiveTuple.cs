namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// A flow's 5-tuple as a map key: 13 bytes of fields and 3 bytes of padding after <see cref="Protocol"/>. The
/// kernel compares keys byte by byte, so the padding must be zero on both sides: the compiler copies keys to
/// zeroed stack memory, and C# zero-initialises struct locals.
/// </summary>
public struct FiveTuple
{
    public uint Source;
    public uint Destination;
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte Protocol;
}
