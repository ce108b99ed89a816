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

/// <summary>Well-known e_machine values.</summary>
public static class ElfMachine
{
    /// <summary>EM_NONE: old LLVM wrote this for BPF; libbpf still accepts it.</summary>
    public const ushort None = 0;
    /// <summary>EM_X86_64</summary>
    public const ushort X86_64 = 62;
    /// <summary>EM_AARCH64</summary>
    public const ushort AArch64 = 183;
    /// <summary>EM_BPF (libbpf: src/libbpf_internal.h).</summary>
    public const ushort Bpf = 247;
}

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

/// <summary>sh_flags.</summary>
[Flags]
public enum ElfSectionFlags : ulong
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>SHF_WRITE</summary>
    Write = 0x1,
    /// <summary>SHF_ALLOC</summary>
    Alloc = 0x2,
    /// <summary>SHF_EXECINSTR: libbpf treats such a section as code.</summary>
    ExecInstr = 0x4,
    /// <summary>SHF_MERGE</summary>
    Merge = 0x10,
    /// <summary>SHF_STRINGS</summary>
    Strings = 0x20,
    /// <summary>SHF_INFO_LINK: sh_info holds a section index (relocation sections).</summary>
    InfoLink = 0x40,
}

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

/// <summary>BPF relocation types (kernel: Documentation/bpf/llvm_reloc.rst).</summary>
public static class BpfRelocationType
{
    /// <summary>R_BPF_NONE</summary>
    public const uint None = 0;
    /// <summary>R_BPF_64_64: ld_imm64 of a map, global variable or function.</summary>
    public const uint Load64 = 1;
    /// <summary>R_BPF_64_ABS64: 64-bit data (map-in-map and prog-array values in .maps).</summary>
    public const uint Absolute64 = 2;
    /// <summary>R_BPF_64_ABS32: 32-bit data (DWARF).</summary>
    public const uint Absolute32 = 3;
    /// <summary>R_BPF_64_NODYLD32: .BTF and .BTF.ext data.</summary>
    public const uint NoDynamicLoad32 = 4;
    /// <summary>R_BPF_64_32: a BPF-to-BPF call.</summary>
    public const uint Call32 = 10;
}
