using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Networking;

/// <summary>struct ifaddrmsg, the family header of RTM_*ADDR messages (kernel: include/uapi/linux/if_addr.h).</summary>
[StructLayout(LayoutKind.Sequential, Size = 8)]
internal struct InterfaceAddressMessage
{
    public byte Family;
    public byte PrefixLength;
    public byte Flags;
    public byte Scope;
    public uint Index;
}
