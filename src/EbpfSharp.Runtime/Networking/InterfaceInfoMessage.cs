using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Networking;

/// <summary>struct ifinfomsg, the family header of RTM_*LINK messages (kernel: include/uapi/linux/rtnetlink.h).</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct InterfaceInfoMessage
{
    public byte Family;
    public byte Padding;
    public ushort DeviceType;
    public int Index;
    public uint Flags;
    public uint ChangeMask;
}
