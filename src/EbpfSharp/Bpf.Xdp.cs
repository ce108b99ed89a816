namespace EbpfSharp;

// XDP helpers: moving the packet's boundaries and redirecting it (kernel: net/core/filter.c).
public static unsafe partial class Bpf
{
    /// <summary>
    /// Moves the start of the packet by <paramref name="delta"/> bytes (<c>bpf_xdp_adjust_head</c>): negative to
    /// push a header in front, positive to pop one. Any metadata moves with it. Grown headroom is not cleared.
    /// Afterwards every pointer into the packet must be fetched and bounds-checked again.
    /// </summary>
    /// <returns>0, or −EINVAL (−22) when the new start would leave fewer than 14 bytes (ETH_HLEN) of packet or
    /// would reach into the 40-byte <c>xdp_frame</c> area at the frame's start (plus any metadata), that is more
    /// than 216 bytes in front of a test run's packet.</returns>
    [BpfHelper(44)]
    public static int XdpAdjustHead(XdpContext ctx, int delta) => ctx.AdjustHead(delta);

    /// <summary>
    /// Moves the end of the packet by <paramref name="delta"/> bytes (<c>bpf_xdp_adjust_tail</c>): negative to
    /// trim, positive to grow. Grown bytes are zeroed. Afterwards every pointer into the packet must be fetched
    /// and bounds-checked again.
    /// </summary>
    /// <returns>0, or −EINVAL (−22) when fewer than 14 bytes (ETH_HLEN) would remain, or when the end would pass
    /// the frame's tailroom reserve (in a test run, 3776 bytes from the frame's start: 3520 − length bytes of
    /// growth for an untouched packet).</returns>
    [BpfHelper(65)]
    public static int XdpAdjustTail(XdpContext ctx, int delta) => ctx.AdjustTail(delta);

    /// <summary>
    /// Moves the start of the metadata area in front of the packet by <paramref name="delta"/> bytes
    /// (<c>bpf_xdp_adjust_meta</c>): negative to grow it. The metadata is not cleared. Afterwards
    /// <see cref="XdpContext.DataMeta"/> must be fetched and bounds-checked against <see cref="XdpContext.Data"/> again.
    /// </summary>
    /// <returns>0; −EINVAL (−22) when the metadata would start inside the 40-byte <c>xdp_frame</c> area or after
    /// the packet's start; −EACCES (−13) when its length would not be a multiple of 4 or would exceed 255 bytes.</returns>
    [BpfHelper(54)]
    public static int XdpAdjustMeta(XdpContext ctx, int delta) => ctx.AdjustMeta(delta);

    /// <summary>
    /// Chooses the device with index <paramref name="ifindex"/> as where to send the packet, for an XDP program to
    /// return (<c>bpf_redirect</c>, XDP flavour): <c>return Bpf.Redirect(ifindex, 0);</c>. The device is looked up only
    /// after the program returns. A test run returns the verdict without sending anything, and so does the CLR.
    /// </summary>
    /// <param name="ifindex">The target device's interface index.</param>
    /// <param name="flags">Must be 0: XDP accepts no flags.</param>
    /// <returns><see cref="XdpAction.Redirect"/>, or <see cref="XdpAction.Aborted"/> when any flag is set.</returns>
    [BpfHelper(23)]
    public static XdpAction Redirect(uint ifindex, ulong flags) => flags != 0 ? XdpAction.Aborted : XdpAction.Redirect;
}
