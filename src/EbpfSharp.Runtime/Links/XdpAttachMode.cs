namespace EbpfSharp.Runtime;

/// <summary>Where in the receive path an XDP program runs (kernel: include/uapi/linux/if_link.h, XDP_FLAGS_*).</summary>
public enum XdpAttachMode
{
    /// <summary>Native if the driver supports it, generic otherwise (no mode flag).</summary>
    Default = 0,
    /// <summary>Generic (SKB) mode: after the kernel allocated the socket buffer; works on every interface (XDP_FLAGS_SKB_MODE).</summary>
    Generic = 2,
    /// <summary>Native (driver) mode: in the driver's receive path; fails when the driver has no XDP support (XDP_FLAGS_DRV_MODE).</summary>
    Driver = 4,
}
