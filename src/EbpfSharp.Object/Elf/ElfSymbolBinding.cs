namespace EbpfSharp.Object.Elf;

/// <summary>The binding in the high nibble of st_info.</summary>
public enum ElfSymbolBinding : byte
{
    /// <summary>STB_LOCAL</summary>
    Local = 0,
    /// <summary>STB_GLOBAL</summary>
    Global = 1,
    /// <summary>STB_WEAK</summary>
    Weak = 2,
}
