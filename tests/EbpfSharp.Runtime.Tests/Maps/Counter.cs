using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Tests.Maps;

/// <summary>A two-field value as a C struct of two u64 would lay it out.</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct Counter(long Packets, long Bytes);
