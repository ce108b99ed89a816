namespace EbpfSharp.Object.Btf;

/// <summary>Bits of an INT type's encoding (kernel: BTF_INT_SIGNED, BTF_INT_CHAR, BTF_INT_BOOL).</summary>
[Flags]
public enum BtfIntEncoding : byte
{
    /// <summary>Unsigned.</summary>
    None = 0,
    /// <summary>Signed.</summary>
    Signed = 1,
    /// <summary>A character type (pretty-printing only).</summary>
    Char = 2,
    /// <summary>A boolean (pretty-printing only).</summary>
    Bool = 4,
}
