namespace EbpfSharp;

// The CLR side of XdpContext: a packet buffer laid out like BPF_PROG_TEST_RUN's.
public sealed unsafe partial class XdpContext
{
    private readonly PacketBuffer _buffer;
    private int _dataMeta;
    private int _data;
    private int _dataEnd;
    private readonly uint _ingressIfindex;
    private readonly uint _rxQueueIndex;

    private XdpContext(PacketBuffer buffer, int data, int dataEnd, uint ingressIfindex, uint rxQueueIndex)
    {
        _buffer = buffer;
        _dataMeta = data;
        _data = data;
        _dataEnd = dataEnd;
        _ingressIfindex = ingressIfindex;
        _rxQueueIndex = rxQueueIndex;
    }

    /// <summary>A context over a copy of <paramref name="packet"/>, as the kernel's test run would see it.</summary>
    public static XdpContext ForPacket(byte[] packet) => ForPacket(packet, ingressIfindex: 1, rxQueueIndex: 0);

    /// <summary>A context over a copy of <paramref name="packet"/> with the given receive device and queue.</summary>
    public static XdpContext ForPacket(ReadOnlySpan<byte> packet, uint ingressIfindex, uint rxQueueIndex)
    {
        var buffer = new PacketBuffer(packet.Length);
        packet.CopyTo(new Span<byte>(buffer.Start + PacketBuffer.Headroom, packet.Length));
        return new XdpContext(buffer, PacketBuffer.Headroom, PacketBuffer.Headroom + packet.Length, ingressIfindex, rxQueueIndex);
    }

    /// <summary>The packet's bytes now, after any rewriting by the program.</summary>
    public byte[] ToArray() => new ReadOnlySpan<byte>(Data, Length).ToArray();
}
