using System.Buffers.Binary;

namespace EbpfSharp.Object.Btf;

/// <summary>The encoded <c>.BTF</c> and, when there is one, <c>.BTF.ext</c> blob, sharing one string table.</summary>
/// <param name="Btf">The .BTF blob.</param>
/// <param name="Ext">The .BTF.ext blob, or null.</param>
/// <param name="Strings">The string table inside <paramref name="Btf"/>, to find where a string landed.</param>
public sealed record BtfBlobs(byte[] Btf, byte[]? Ext, StringTable Strings);
