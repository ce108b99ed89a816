namespace EbpfSharp.Object.Elf;

/// <summary>The low two bits of st_other.</summary>
public enum ElfSymbolVisibility : byte
{
    /// <summary>STV_DEFAULT</summary>
    Default = 0,
    /// <summary>STV_INTERNAL</summary>
    Internal = 1,
    /// <summary>STV_HIDDEN: libbpf treats such global subprograms as static.</summary>
    Hidden = 2,
    /// <summary>STV_PROTECTED</summary>
    Protected = 3,
}
