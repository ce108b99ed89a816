namespace EbpfSharp;

/// <summary>What an XDP program tells the kernel to do with a packet (kernel: enum xdp_action).</summary>
public enum XdpAction
{
    /// <summary>Drop the packet and raise the xdp_exception tracepoint: a program error.</summary>
    Aborted = 0,
    /// <summary>Drop the packet.</summary>
    Drop = 1,
    /// <summary>Pass the packet on to the kernel's network stack.</summary>
    Pass = 2,
    /// <summary>Send the (possibly rewritten) packet back out of the device it arrived on.</summary>
    Tx = 3,
    /// <summary>Send the packet to the target chosen by a redirect helper.</summary>
    Redirect = 4,
}
