namespace EbpfSharp;

/// <summary>
/// Pinned memory for a packet on the CLR, with the headroom and tailroom the kernel's XDP test run gives
/// (kernel: net/bpf/test_run.c, bpf_prog_test_run_xdp).
/// </summary>
internal sealed unsafe class PacketBuffer
{
    /// <summary>XDP_PACKET_HEADROOM (kernel: include/uapi/linux/bpf.h).</summary>
    public const int Headroom = 256;

    private readonly byte[] _memory;

    public PacketBuffer(int packetLength)
    {
        _memory = GC.AllocateArray<byte>(Headroom + packetLength + 4096, pinned: true);
        fixed (byte* start = _memory)
            Start = start;
    }

    /// <summary>The start of the buffer; the array is on the pinned heap, so the address is stable.</summary>
    public byte* Start { get; }

    public int Capacity => _memory.Length;
}
