namespace EbpfSharp.Object.Elf;

/// <summary>
/// A little-endian ELF64 file as a list of sections, in file order, so that section <c>i</c> here is
/// section <c>i</c> in the file and <c>Sections[0]</c> is the null section. Symbol tables, relocation
/// sections and string tables are ordinary sections; <see cref="ReadSymbols(ElfSection)"/> and
/// <see cref="ReadRelocations"/> decode them. Program headers are not modelled: the reader skips them and
/// the writer writes none. <see cref="Read(ReadOnlySpan{byte})"/> of <see cref="Write"/> gives back an equal file.
/// </summary>
public sealed class ElfFile : IEquatable<ElfFile>
{
    /// <summary>Creates an empty file holding only the null section.</summary>
    public ElfFile()
    {
        Sections.Add(new ElfSection(string.Empty, ElfSectionType.Null) { Alignment = 0 });
    }

    /// <summary>e_type</summary>
    public ElfFileType Type { get; set; } = ElfFileType.Relocatable;

    /// <summary>e_machine, see <see cref="ElfMachine"/>.</summary>
    public ushort Machine { get; set; } = ElfMachine.Bpf;

    /// <summary>e_flags</summary>
    public uint Flags { get; set; }

    /// <summary>e_ident[EI_OSABI]</summary>
    public byte OsAbi { get; set; }

    /// <summary>e_entry</summary>
    public ulong Entry { get; set; }

    /// <summary>The sections in file order; index 0 is the null section.</summary>
    public List<ElfSection> Sections { get; } = [];

    /// <summary>e_shstrndx: the index of the string table that holds section names (0 for none).</summary>
    public int SectionNameTableIndex { get; set; }

    /// <summary>The first section with this name, or null.</summary>
    public ElfSection? FindSection(string name)
    {
        foreach (var section in Sections)
            if (section.Name == name)
                return section;
        return null;
    }

    /// <summary>The index of <paramref name="section"/> in <see cref="Sections"/>.</summary>
    public int IndexOf(ElfSection section)
    {
        int index = Sections.IndexOf(section);
        return index >= 0 ? index : throw new ArgumentException($"Section '{section.Name}' is not part of this file.", nameof(section));
    }

    /// <summary>The section at <paramref name="index"/>, or an <see cref="ObjectFormatException"/> naming <paramref name="what"/>.</summary>
    public ElfSection SectionAt(long index, string what) =>
        index > 0 && index < Sections.Count
            ? Sections[(int)index]
            : throw new ObjectFormatException($"{what} refers to section {index}, but the file has sections 1 to {Sections.Count - 1}.");

    /// <summary>The one SHT_SYMTAB section, or null when the object is stripped.</summary>
    /// <exception cref="ObjectFormatException">There is more than one.</exception>
    public ElfSection? SymbolTable
    {
        get
        {
            var tables = Sections.Where(section => section.Type == ElfSectionType.SymbolTable).ToList();
            return tables.Count switch
            {
                0 => null,
                1 => tables[0],
                _ => throw new ObjectFormatException($"The file has {tables.Count} symbol tables; an object has at most one."),
            };
        }
    }

    /// <summary>Decodes the symbols of SHT_SYMTAB, or an empty list when there is none.</summary>
    public IReadOnlyList<ElfSymbol> ReadSymbols() => SymbolTable is { } table ? ReadSymbols(table) : [];

    /// <summary>Decodes a SHT_SYMTAB or SHT_DYNSYM section using the string table its Link names.</summary>
    /// <exception cref="ObjectFormatException">The section is not a symbol table, or the table is malformed.</exception>
    public IReadOnlyList<ElfSymbol> ReadSymbols(ElfSection table)
    {
        if (table.Type is not (ElfSectionType.SymbolTable or ElfSectionType.DynamicSymbolTable))
            throw new ObjectFormatException($"Section '{table.Name}' is used as a symbol table, but it is {table.Type}.");
        var strings = SectionAt(table.Link, $"Symbol table '{table.Name}'");
        return ElfSymbolTable.Decode(table.Data, strings.Data, table.Name);
    }

    /// <summary>Decodes a SHT_REL or SHT_RELA section.</summary>
    public IReadOnlyList<ElfRelocation> ReadRelocations(ElfSection section) => section.Type switch
    {
        ElfSectionType.Relocations => ElfRelocationTable.Decode(section.Data, withAddends: false, section.Name),
        ElfSectionType.RelocationsWithAddends => ElfRelocationTable.Decode(section.Data, withAddends: true, section.Name),
        _ => throw new ObjectFormatException($"Section '{section.Name}' is used as a relocation section, but it is {section.Type}."),
    };

    /// <summary>Reads an ELF64 little-endian file.</summary>
    /// <exception cref="ObjectFormatException">The bytes are not a well-formed ELF64 little-endian file; the message says what is wrong.</exception>
    public static ElfFile Read(ReadOnlySpan<byte> bytes) => ElfReader.Read(bytes);

    /// <summary>Writes the file: the ELF header, every section's data aligned, then the section header table.</summary>
    public byte[] Write() => ElfWriter.Write(this);

    /// <inheritdoc />
    public bool Equals(ElfFile? other) =>
        other is not null
        && Type == other.Type && Machine == other.Machine && Flags == other.Flags && OsAbi == other.OsAbi
        && Entry == other.Entry && SectionNameTableIndex == other.SectionNameTableIndex
        && Sections.SequenceEqual(other.Sections);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ElfFile);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Machine, Sections.Count);
}
