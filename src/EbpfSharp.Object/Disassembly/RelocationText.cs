using EbpfSharp.Object.Elf;

namespace EbpfSharp.Object.Disassembly;

/// <summary>One relocation of a code section with the text llvm-objdump -r prints for it.</summary>
/// <param name="Offset">r_offset: the byte offset in the code section.</param>
/// <param name="TypeName">The relocation type's name, such as <c>R_BPF_64_64</c>.</param>
/// <param name="Target">The symbol name, the section name for a section symbol, or <c>*ABS*</c>, plus any addend.</param>
internal sealed record RelocationText(ulong Offset, string TypeName, string Target)
{
    /// <summary>
    /// The relocations that apply to section <paramref name="sectionIndex"/>, from every SHT_REL and SHT_RELA
    /// section whose sh_info names it, in a stable order by offset (as llvm-objdump sorts them).
    /// </summary>
    public static IReadOnlyList<RelocationText> Of(ElfFile file, int sectionIndex)
    {
        var result = new List<RelocationText>();
        foreach (var table in file.Sections)
        {
            if (table.Type is not (ElfSectionType.Relocations or ElfSectionType.RelocationsWithAddends) || table.Info != sectionIndex)
                continue;
            var symbols = file.ReadSymbols(file.SectionAt(table.Link, $"Relocation section '{table.Name}'"));
            foreach (var relocation in file.ReadRelocations(table))
                result.Add(new RelocationText(relocation.Offset, NameOf(relocation.Type), TargetOf(file, symbols, relocation, table.Name)));
        }
        return result.OrderBy(relocation => relocation.Offset).ToList();
    }

    /// <summary>The names LLVM gives the BPF relocation types (llvm/BinaryFormat/ELFRelocs/BPF.def).</summary>
    private static string NameOf(uint type) => type switch
    {
        BpfRelocationType.None => "R_BPF_NONE",
        BpfRelocationType.Load64 => "R_BPF_64_64",
        BpfRelocationType.Absolute64 => "R_BPF_64_ABS64",
        BpfRelocationType.Absolute32 => "R_BPF_64_ABS32",
        BpfRelocationType.NoDynamicLoad32 => "R_BPF_64_NODYLD32",
        BpfRelocationType.Call32 => "R_BPF_64_32",
        _ => "Unknown",
    };

    private static string TargetOf(ElfFile file, IReadOnlyList<ElfSymbol> symbols, ElfRelocation relocation, string tableName)
    {
        string name;
        if (relocation.SymbolIndex == 0)
        {
            name = "*ABS*";
        }
        else
        {
            if (relocation.SymbolIndex >= symbols.Count)
                throw new ObjectFormatException(
                    $"A relocation in {tableName} at offset 0x{relocation.Offset:x} names symbol {relocation.SymbolIndex}, but the symbol table has {symbols.Count}.");
            var symbol = symbols[(int)relocation.SymbolIndex];
            name = symbol.Type == ElfSymbolType.Section
                ? file.SectionAt(symbol.SectionIndex, $"Section symbol {relocation.SymbolIndex}").Name
                : symbol.Name;
        }
        return relocation.Addend switch
        {
            0 => name,
            < 0 => $"{name}-0x{unchecked((ulong)-relocation.Addend):x}",
            _ => $"{name}+0x{relocation.Addend:x}",
        };
    }
}
