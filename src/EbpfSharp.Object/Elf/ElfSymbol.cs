namespace EbpfSharp.Object.Elf;

/// <summary>One entry of a symbol table (Elf64_Sym), with its name resolved.</summary>
/// <param name="Name">The symbol name; empty for section and null symbols.</param>
/// <param name="Value">st_value: in a relocatable object, the byte offset in its section.</param>
/// <param name="Size">st_size in bytes.</param>
/// <param name="Type">The type (low nibble of st_info).</param>
/// <param name="Binding">The binding (high nibble of st_info).</param>
/// <param name="Visibility">The visibility (st_other).</param>
/// <param name="SectionIndex">st_shndx: the defining section, or one of <see cref="ElfSectionIndex"/>.</param>
public sealed record ElfSymbol(
    string Name,
    ulong Value,
    ulong Size,
    ElfSymbolType Type,
    ElfSymbolBinding Binding,
    ElfSymbolVisibility Visibility,
    ushort SectionIndex)
{
    /// <summary>The all-zero symbol every table starts with.</summary>
    public static readonly ElfSymbol Null = new(string.Empty, 0, 0, ElfSymbolType.NoType, ElfSymbolBinding.Local, ElfSymbolVisibility.Default, 0);

    /// <summary>Whether the symbol is defined in a regular section of this file.</summary>
    public bool IsDefined => SectionIndex is not ElfSectionIndex.Undefined and < ElfSectionIndex.LowReserved;
}
