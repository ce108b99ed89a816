namespace EbpfSharp.Object;

/// <summary>Which ELF sections hold global data, as libbpf decides (libbpf: src/libbpf.c, bpf_object__elf_collect).</summary>
public static class GlobalDataSection
{
    private static readonly string[] Kinds = [".data", ".rodata", ".bss"];

    /// <summary>
    /// ".data", ".rodata" or ".bss" for a global-data section name or one of its dotted variants
    /// (<c>.data.counters</c>), else null.
    /// </summary>
    public static string? Kind(string sectionName)
    {
        foreach (var kind in Kinds)
            if (sectionName.StartsWith(kind, StringComparison.Ordinal) && (sectionName.Length == kind.Length || sectionName[kind.Length] == '.'))
                return kind;
        return null;
    }
}
