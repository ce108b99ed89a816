using System.Runtime.InteropServices;

namespace EbpfSharp.Corpus.Arithmetic;

/// <summary>Operands of every width read from the packet right after the Ethernet header; results are written back over them.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct Operands
{
    public sbyte S8;
    public byte U8;
    public short S16;
    public ushort U16;
    public int S32;
    public uint U32;
    public long S64;
    public ulong U64;
}
