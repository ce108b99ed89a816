namespace EbpfSharp;

/// <summary>
/// The packet an XDP program sees (kernel: <c>struct xdp_md</c>). In the kernel the properties marked
/// <see cref="ContextFieldAttribute"/> are loads from the context; on the CLR they read a managed packet
/// buffer made by <see cref="ForPacket(byte[])"/>, laid out as <c>BPF_PROG_TEST_RUN</c> lays it out.
/// </summary>
public sealed unsafe partial class XdpContext
{
    /// <summary>The first byte of the packet.</summary>
    [ContextField(0)]
    public byte* Data => _buffer.Start + _data;

    /// <summary>One past the last byte of the packet: every access must be checked against it.</summary>
    [ContextField(4)]
    public byte* DataEnd => _buffer.Start + _dataEnd;

    /// <summary>The start of the metadata area in front of the packet (grown by bpf_xdp_adjust_meta).</summary>
    [ContextField(8)]
    public byte* DataMeta => _buffer.Start + _dataMeta;

    /// <summary>The interface index of the device the packet arrived on.</summary>
    [ContextField(12)]
    public uint IngressIfindex => _ingressIfindex;

    /// <summary>The receive queue the packet arrived on.</summary>
    [ContextField(16)]
    public uint RxQueueIndex => _rxQueueIndex;

    /// <summary>The packet's length in bytes.</summary>
    public int Length => (int)(DataEnd - Data);

    /// <summary>
    /// Points <paramref name="pointer"/> at a <typeparamref name="T"/> that starts <paramref name="offset"/>
    /// bytes into the packet, if the whole of it is inside the packet; otherwise sets it to null and returns
    /// false. This is the bounds check the verifier asks for.
    /// </summary>
    public bool TryGet<T>(int offset, out T* pointer) where T : unmanaged
    {
        byte* start = Data + offset;
        if (start + sizeof(T) > DataEnd)
        {
            pointer = null;
            return false;
        }
        pointer = (T*)start;
        return true;
    }
}
