using EbpfSharp.Object;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>Builds small relocatable BPF objects for disassembly tests: code sections, symbols, relocations.</summary>
internal sealed class TestObject
{
    private readonly ElfFile _file = new();
    private readonly List<ElfSymbol> _symbols = [ElfSymbol.Null];
    private readonly List<(int Section, IReadOnlyList<ElfRelocation> Entries, bool WithAddends)> _relocations = [];

    /// <summary>A code section with one global function symbol at its start.</summary>
    public static ElfFile WithCode(byte[] code, string section = "xdp", string function = "prog")
    {
        var builder = new TestObject();
        int index = builder.AddSection(section, code);
        builder.AddSymbol(function, index, 0);
        return builder.Build();
    }

    /// <summary>Adds a section (executable unless <paramref name="flags"/> says otherwise) and returns its index.</summary>
    public int AddSection(string name, byte[] data, ElfSectionFlags flags = ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr,
        ElfSectionType type = ElfSectionType.ProgBits)
    {
        var section = new ElfSection(name, type) { Flags = flags, Alignment = 8 };
        if (type == ElfSectionType.NoBits)
            section.Size = (ulong)data.Length;
        else
            section.Data = data;
        _file.Sections.Add(section);
        return _file.Sections.Count - 1;
    }

    /// <summary>Adds a symbol and returns its index in the symbol table.</summary>
    public int AddSymbol(string name, int section, ulong value, ElfSymbolType type = ElfSymbolType.Function,
        ElfSymbolBinding binding = ElfSymbolBinding.Global)
    {
        _symbols.Add(new ElfSymbol(name, value, 0, type, binding, ElfSymbolVisibility.Default, (ushort)section));
        return _symbols.Count - 1;
    }

    /// <summary>Adds a SHT_REL (or SHT_RELA) section for <paramref name="section"/>.</summary>
    public void AddRelocations(int section, IReadOnlyList<ElfRelocation> entries, bool withAddends = false) =>
        _relocations.Add((section, entries, withAddends));

    public ElfFile Build()
    {
        int symbolTable = _file.Sections.Count + _relocations.Count;
        foreach (var (section, entries, withAddends) in _relocations)
        {
            string prefix = withAddends ? ".rela" : ".rel";
            _file.Sections.Add(new ElfSection(prefix + _file.Sections[section].Name,
                withAddends ? ElfSectionType.RelocationsWithAddends : ElfSectionType.Relocations)
            {
                Flags = ElfSectionFlags.InfoLink,
                Link = (uint)symbolTable,
                Info = (uint)section,
                Alignment = 8,
                EntrySize = withAddends ? (ulong)ElfRelocationTable.RelaEntrySize : ElfRelocationTable.RelEntrySize,
                Data = ElfRelocationTable.Encode(entries, withAddends),
            });
        }
        // ELF wants locals first; llvm-objdump does not mind, and the tests place symbols freely.
        var strings = new StringTable();
        _file.Sections.Add(new ElfSection(".symtab", ElfSectionType.SymbolTable)
        {
            Link = (uint)symbolTable + 1,
            Info = 1,
            Alignment = 8,
            EntrySize = ElfSymbolTable.EntrySize,
            Data = ElfSymbolTable.Encode(_symbols, strings),
        });
        _file.Sections.Add(new ElfSection(".strtab", ElfSectionType.StringTable) { Data = strings.ToArray() });
        _file.SectionNameTableIndex = _file.Sections.Count - 1;
        return _file;
    }
}
