namespace EbpfSharp.Object.Elf;

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
