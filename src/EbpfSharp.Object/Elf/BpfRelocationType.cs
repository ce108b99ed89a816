namespace EbpfSharp.Object.Elf;

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
