namespace EbpfSharp.Compiler.Ir;

/// <summary>The pointer fields of a program context (<c>xdp_md</c>'s data, data_end and data_meta).</summary>
internal enum ContextPointer
{
    None,

    /// <summary>The first byte of the packet (<c>ctx.Data</c>).</summary>
    PacketStart,

    /// <summary>One past the packet's last byte (<c>ctx.DataEnd</c>): never below <see cref="PacketStart"/>.</summary>
    PacketEnd,

    /// <summary>Another pointer field, such as the metadata start.</summary>
    Other,
}
