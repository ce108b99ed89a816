namespace EbpfSharp.Object.Elf;

/// <summary>sh_type (ELF gABI, plus the LLVM extension clang may emit).</summary>
public enum ElfSectionType : uint
{
    /// <summary>SHT_NULL: the reserved section 0.</summary>
    Null = 0,
    /// <summary>SHT_PROGBITS: code or data stored in the file.</summary>
    ProgBits = 1,
    /// <summary>SHT_SYMTAB</summary>
    SymbolTable = 2,
    /// <summary>SHT_STRTAB</summary>
    StringTable = 3,
    /// <summary>SHT_RELA</summary>
    RelocationsWithAddends = 4,
    /// <summary>SHT_HASH</summary>
    Hash = 5,
    /// <summary>SHT_DYNAMIC</summary>
    Dynamic = 6,
    /// <summary>SHT_NOTE</summary>
    Note = 7,
    /// <summary>SHT_NOBITS: zero-filled data that takes no file space (.bss).</summary>
    NoBits = 8,
    /// <summary>SHT_REL</summary>
    Relocations = 9,
    /// <summary>SHT_DYNSYM</summary>
    DynamicSymbolTable = 11,
    /// <summary>SHT_LLVM_ADDRSIG, which libbpf skips.</summary>
    LlvmAddressSignificance = 0x6fff4c03,
}
