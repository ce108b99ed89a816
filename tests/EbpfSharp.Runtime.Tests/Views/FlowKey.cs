using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Tests.Views;

/// <summary>A key with padding, as C lays out struct { u8 protocol; u32 address; u16 port; }: 1 + 3 padding + 4 + 2 + 2 padding = 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct FlowKey(byte Protocol, uint Address, ushort Port);

/// <summary>A value with padding: struct { u8 flags; u64 bytes; } is 1 + 7 padding + 8 = 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct FlowStats(byte Flags, ulong Bytes);
