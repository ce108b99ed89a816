namespace EbpfSharp.Object.Btf;

/// <summary>The linkage of a VAR (kernel: enum btf_var_linkage).</summary>
public enum BtfVariableLinkage : uint
{
    /// <summary>Static: libbpf does not look for an ELF symbol.</summary>
    Static = 0,
    /// <summary>Global and allocated in this object: maps and global variables.</summary>
    Global = 1,
    /// <summary>Extern (__ksym, __kconfig).</summary>
    Extern = 2,
}
