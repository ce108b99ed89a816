namespace EbpfSharp.Object.Elf;

/// <summary>The type in the low nibble of st_info.</summary>
public enum ElfSymbolType : byte
{
    /// <summary>STT_NOTYPE</summary>
    NoType = 0,
    /// <summary>STT_OBJECT: maps and global variables.</summary>
    Object = 1,
    /// <summary>STT_FUNC: programs and subprograms.</summary>
    Function = 2,
    /// <summary>STT_SECTION</summary>
    Section = 3,
    /// <summary>STT_FILE</summary>
    File = 4,
    /// <summary>STT_GNU_IFUNC: an indirect function in shared libraries.</summary>
    IndirectFunction = 10,
}
