namespace EbpfSharp.Object.Elf;

/// <summary>e_type (ELF gABI).</summary>
public enum ElfFileType : ushort
{
    /// <summary>ET_NONE</summary>
    None = 0,
    /// <summary>ET_REL: a relocatable object, what clang -c and EbpfSharp write.</summary>
    Relocatable = 1,
    /// <summary>ET_EXEC</summary>
    Executable = 2,
    /// <summary>ET_DYN: a shared library or position-independent executable.</summary>
    SharedObject = 3,
    /// <summary>ET_CORE</summary>
    Core = 4,
}
