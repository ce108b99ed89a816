using EbpfSharp.Object.Elf;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// The symbols of one code section as llvm-objdump uses them: block headers and jump-target labels.
/// It takes every named symbol defined in the section except STT_SECTION and STT_FILE ones, and adds one
/// named after the section at its start when no symbol is there (llvm-objdump.cpp, "insert a dummy one").
/// </summary>
internal sealed class SectionSymbols
{
    private readonly List<SymbolLabel> _labels;

    private SectionSymbols(List<SymbolLabel> labels) => _labels = labels;

    public static SectionSymbols Collect(ElfFile file, int sectionIndex, IReadOnlyList<ElfSymbol> symbols)
    {
        var section = file.Sections[sectionIndex];
        // In a relocatable object a symbol's address is its value plus the section's address (LLVM ELFObjectFile).
        ulong sectionBase = file.Type == ElfFileType.Relocatable ? section.Address : 0;
        var labels = symbols
            .Skip(1)
            .Where(symbol => symbol.SectionIndex == sectionIndex && symbol.Name.Length > 0
                && symbol.Type is not (ElfSymbolType.Section or ElfSymbolType.File))
            .Select(symbol => new SymbolLabel(symbol.Value + sectionBase, symbol.Name, symbol.Type))
            .ToList();
        if (!labels.Exists(label => label.Address == section.Address))
            labels.Add(new SymbolLabel(section.Address, section.Name, ElfSymbolType.Function));
        labels.Sort();
        return new SectionSymbols(labels);
    }

    /// <summary>
    /// The blocks to print, in address order, as (header symbol, start, end) with section-relative offsets.
    /// Of several symbols at one address only the last in sort order heads the block (the others would
    /// get empty blocks, which llvm-objdump skips); symbols at or past the section's end head nothing.
    /// </summary>
    public IEnumerable<(string Name, ulong Start, ulong End)> Blocks(ElfSection section)
    {
        ulong sectionEnd = section.Address + (ulong)section.Data.Length;
        for (int i = 0; i < _labels.Count; i++)
        {
            var label = _labels[i];
            ulong end = i + 1 < _labels.Count ? Math.Min(_labels[i + 1].Address, sectionEnd) : sectionEnd;
            if (label.Address < section.Address || label.Address >= end)
                continue;
            yield return (label.Name, label.Address - section.Address, end - section.Address);
        }
    }

    /// <summary>
    /// The jump label llvm-objdump appends for <paramref name="target"/>: the last symbol at or before it,
    /// as <c>&lt;name&gt;</c> or <c>&lt;name+0x18&gt;</c>. Targets outside the section wrap around as unsigned
    /// 64-bit addresses, so a jump before the start is labelled from the last symbol with a huge offset.
    /// </summary>
    public string? Label(ulong target)
    {
        int index = _labels.FindLastIndex(label => label.Address <= target);
        if (index < 0)
            return null;
        var label = _labels[index];
        ulong displacement = target - label.Address;
        return displacement == 0 ? $"<{label.Name}>" : $"<{label.Name}+0x{displacement:x}>";
    }
}
