namespace EbpfSharp;

// The CLR side of XdpContext: a packet frame laid out like BPF_PROG_TEST_RUN's, and the pointer moves the
// bpf_xdp_adjust_* helpers make (kernel: net/core/filter.c).
public sealed unsafe partial class XdpContext
{
    // The test run receives on queue 0 of the loopback device of the caller's network namespace, whose
    // ifindex is 1 (kernel: net/bpf/test_run.c, __netif_get_rx_queue(net->loopback_dev, 0)).
    private const uint LoopbackIfindex = 1;

    private const int EINVAL = 22;
    private const int EACCES = 13;

    // The largest metadata area: skb_shared_info.meta_len is a u8 (kernel: include/net/xdp.h, xdp_metalen_invalid).
    private const int MaxMetadataLength = byte.MaxValue;

    private readonly PacketBuffer _buffer;
    // Offsets from data_hard_start.
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

    /// <summary>
    /// A context over a copy of <paramref name="packet"/>, as the kernel's test run would give it to a program:
    /// 256 bytes of zeroed headroom in front, zeroed tailroom behind (up to 3520 bytes of packet in all), received
    /// on the loopback device (ifindex 1), queue 0.
    /// </summary>
    /// <param name="packet">The frame, from its Ethernet header: 14 to 3520 bytes.</param>
    /// <exception cref="ArgumentException">The packet is shorter than an Ethernet header (the kernel refuses it
    /// with EINVAL) or longer than one test-run buffer holds (the kernel would split it into fragments).</exception>
    public static XdpContext ForPacket(byte[] packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return ForPacket(packet, LoopbackIfindex, rxQueueIndex: 0);
    }

    /// <summary>A context over a copy of <paramref name="packet"/> with the given receive device and queue.</summary>
    /// <param name="packet">The frame, from its Ethernet header: 14 to 3520 bytes.</param>
    /// <param name="ingressIfindex">What <see cref="IngressIfindex"/> reads.</param>
    /// <param name="rxQueueIndex">What <see cref="RxQueueIndex"/> reads.</param>
    /// <exception cref="ArgumentException">The packet is shorter than 14 or longer than 3520 bytes.</exception>
    public static XdpContext ForPacket(ReadOnlySpan<byte> packet, uint ingressIfindex, uint rxQueueIndex)
    {
        if (packet.Length < PacketBuffer.EthernetHeaderLength)
            throw new ArgumentException(
                $"The packet has {packet.Length} bytes; an XDP test run needs at least a {PacketBuffer.EthernetHeaderLength}-byte Ethernet header (the kernel answers EINVAL).",
                nameof(packet));
        if (packet.Length > PacketBuffer.MaxDataLength)
            throw new ArgumentException(
                $"The packet has {packet.Length} bytes; one XDP test-run buffer holds {PacketBuffer.MaxDataLength}, and the kernel would put the rest in fragments, which the CLR context does not model.",
                nameof(packet));

        var buffer = new PacketBuffer();
        packet.CopyTo(buffer.Slice(PacketBuffer.Headroom, packet.Length));
        return new XdpContext(buffer, PacketBuffer.Headroom, PacketBuffer.Headroom + packet.Length, ingressIfindex, rxQueueIndex);
    }

    /// <summary>The packet's bytes now (<see cref="Data"/> to <see cref="DataEnd"/>), after any rewriting by the program.</summary>
    public byte[] ToArray() => _buffer.Slice(_data, _dataEnd - _data).ToArray();

    /// <summary>
    /// The metadata and packet bytes now (<see cref="DataMeta"/> to <see cref="DataEnd"/>): what
    /// <c>BPF_PROG_TEST_RUN</c> copies out as the output packet.
    /// </summary>
    public byte[] ToArrayWithMetadata() => _buffer.Slice(_dataMeta, _dataEnd - _dataMeta).ToArray();

    /// <summary>The bytes of metadata in front of the packet.</summary>
    internal int MetadataLength => _data - _dataMeta;

    /// <summary>Bytes of headroom left in front of <see cref="DataMeta"/> (the frame's xdp_frame area excluded).</summary>
    internal int Headroom => _dataMeta - PacketBuffer.XdpFrameSize;

    /// <summary>Bytes the packet may still grow by at its tail.</summary>
    internal int Tailroom => PacketBuffer.HardEnd - _dataEnd;

    // kernel: net/core/filter.c, bpf_xdp_adjust_head.
    internal int AdjustHead(int delta)
    {
        int metaLength = _data - _dataMeta;
        long data = (long)_data + delta;
        if (data < PacketBuffer.XdpFrameSize + metaLength || data > _dataEnd - PacketBuffer.EthernetHeaderLength)
            return -EINVAL;

        // The metadata travels with the start of the packet; grown headroom is not cleared (the kernel leaves
        // whatever was there, which in a test run is zeros or earlier packet bytes).
        if (metaLength != 0)
            _buffer.Slice(_dataMeta, metaLength).CopyTo(_buffer.Slice(_dataMeta + delta, metaLength));
        _dataMeta += delta;
        _data = (int)data;
        return 0;
    }

    // kernel: net/core/filter.c, bpf_xdp_adjust_tail (a linear buffer: the test run's only kind here).
    internal int AdjustTail(int delta)
    {
        long dataEnd = (long)_dataEnd + delta;
        if (dataEnd > PacketBuffer.HardEnd || dataEnd < _data + PacketBuffer.EthernetHeaderLength)
            return -EINVAL;

        // The kernel clears grown tail bytes: they could hold stale memory.
        if (delta > 0)
            _buffer.Slice(_dataEnd, delta).Clear();
        _dataEnd = (int)dataEnd;
        return 0;
    }

    // kernel: net/core/filter.c, bpf_xdp_adjust_meta; include/net/xdp.h, xdp_metalen_invalid.
    internal int AdjustMeta(int delta)
    {
        long meta = (long)_dataMeta + delta;
        if (meta < PacketBuffer.XdpFrameSize || meta > _data)
            return -EINVAL;
        long metaLength = _data - meta;
        if ((metaLength & (sizeof(uint) - 1)) != 0 || metaLength > MaxMetadataLength)
            return -EACCES;
        _dataMeta = (int)meta;
        return 0;
    }
}
