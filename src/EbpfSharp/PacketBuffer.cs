namespace EbpfSharp;

/// <summary>
/// Pinned memory for a packet on the CLR, laid out as the kernel's XDP test run lays out its one-page frame
/// (kernel: net/bpf/test_run.c, bpf_prog_test_run_xdp, on x86-64):
/// <code>
/// 0          40                 256                 256+len       3776          4096
/// | xdp_frame | headroom (meta)  | packet data       | free tailroom | skb_shared_info |
/// ^ data_hard_start               ^ data (= data_meta)                ^ data_hard_end
/// </code>
/// </summary>
internal sealed unsafe class PacketBuffer
{
    /// <summary>XDP_PACKET_HEADROOM (kernel: include/uapi/linux/bpf.h): the test run puts data this far in.</summary>
    public const int Headroom = 256;

    /// <summary>The frame the test run allocates: headroom + max_data_sz + tailroom = 4096, one x86-64 page (frame_sz).</summary>
    public const int FrameSize = 4096;

    /// <summary>
    /// SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86-64: 320 (17 frags, 64-byte cache lines; checked in the
    /// kernel's BTF). bpf_xdp_adjust_tail may not grow the packet into it (xdp_data_hard_end).
    /// </summary>
    public const int Tailroom = 320;

    /// <summary>sizeof(struct xdp_frame) on x86-64: the adjust helpers keep data and data_meta past it.</summary>
    public const int XdpFrameSize = 40;

    /// <summary>The largest packet the test run keeps in one buffer (max_data_sz); longer input becomes fragments.</summary>
    public const int MaxDataLength = FrameSize - Headroom - Tailroom;

    /// <summary>The end of the room the packet may grow into (xdp_data_hard_end).</summary>
    public const int HardEnd = FrameSize - Tailroom;

    /// <summary>ETH_HLEN: the test run refuses shorter packets and no helper shrinks a packet below it.</summary>
    public const int EthernetHeaderLength = 14;

    // The array stays alive as long as this object; it is on the pinned heap, so Start never moves.
    private readonly byte[] _memory;

    /// <summary>A zeroed frame, as kzalloc gives the test run.</summary>
    public PacketBuffer()
    {
        _memory = GC.AllocateArray<byte>(FrameSize, pinned: true);
        fixed (byte* start = _memory)
            Start = start;
    }

    /// <summary>data_hard_start: the first byte of the frame.</summary>
    public byte* Start { get; }

    /// <summary>The bytes from <paramref name="offset"/> for <paramref name="length"/>.</summary>
    public Span<byte> Slice(int offset, int length) => _memory.AsSpan(offset, length);
}
