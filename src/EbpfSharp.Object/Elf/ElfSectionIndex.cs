namespace EbpfSharp.Object.Elf;

/// <summary>Special values of st_shndx.</summary>
public static class ElfSectionIndex
{
    /// <summary>SHN_UNDEF: an undefined (extern) symbol.</summary>
    public const ushort Undefined = 0;
    /// <summary>SHN_LORESERVE: the first reserved index.</summary>
    public const ushort LowReserved = 0xff00;
    /// <summary>SHN_ABS: an absolute value.</summary>
    public const ushort Absolute = 0xfff1;
    /// <summary>SHN_COMMON</summary>
    public const ushort Common = 0xfff2;
    /// <summary>SHN_XINDEX: the real index is elsewhere (extended numbering).</summary>
    public const ushort Extended = 0xffff;
}
