using System.Buffers.Binary;
using EbpfSharp.Object;
using EbpfSharp.Object.Elf;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// Finds the file offset of a function in an executable or shared library, which is what the uprobe PMU
/// takes: st_value - sh_addr + sh_offset of the symbol's section (libbpf: src/elf.c, elf_find_func_offset).
/// </summary>
internal static class ElfFunctionLocator
{
    /// <summary>The file offset of <paramref name="symbol"/> in the binary at <paramref name="path"/>.</summary>
    /// <exception cref="BpfNotFoundException">The binary or the symbol does not exist; the message lists similar symbols.</exception>
    /// <exception cref="ArgumentException">The file is not an ELF64 little-endian binary.</exception>
    public static ulong FileOffset(string path, string symbol)
    {
        var file = ReadBinary(path);
        // .symtab first (it also has local functions), then .dynsym, which survives stripping.
        var tables = file.Sections.Where(section => section.Type == ElfSectionType.SymbolTable)
            .Concat(file.Sections.Where(section => section.Type == ElfSectionType.DynamicSymbolTable))
            .ToList();
        var functions = new List<ElfSymbol>();
        (ElfSymbol Symbol, int TableRank, int NameRank)? best = null;
        for (int tableRank = 0; tableRank < tables.Count; tableRank++)
        {
            var symbols = file.ReadSymbols(tables[tableRank]);
            var hidden = tables[tableRank].Type == ElfSectionType.DynamicSymbolTable ? HiddenVersions(file, symbols.Count) : null;
            for (int i = 0; i < symbols.Count; i++)
            {
                var candidate = symbols[i];
                if (candidate.Type is not (ElfSymbolType.Function or ElfSymbolType.IndirectFunction) || !candidate.IsDefined)
                    continue;
                functions.Add(candidate);
                if (!Matches(candidate.Name, symbol))
                    continue;
                int nameRank = NameRank(candidate.Name, symbol, hidden?[i] ?? false);
                if (best is null || (tableRank, nameRank, BindingRank(candidate)).CompareTo((best.Value.TableRank, best.Value.NameRank, BindingRank(best.Value.Symbol))) < 0)
                    best = (candidate, tableRank, nameRank);
            }
        }
        if (best is not { Symbol: var match })
            throw new BpfNotFoundException(NotFoundMessage(path, symbol, tables.Count, functions), Errno.ENOENT);

        var section = file.SectionAt(match.SectionIndex, $"Symbol '{match.Name}'");
        return match.Value - section.Address + section.FileOffset;
    }

    private static ElfFile ReadBinary(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BpfNotFoundException(
                $"The binary '{path}' does not exist. Give the full path of the executable or library (a process's libraries are listed in /proc/<pid>/maps).", Errno.ENOENT);
        }
        try
        {
            return ElfFile.Read(bytes);
        }
        catch (ObjectFormatException exception)
        {
            throw new ArgumentException($"'{path}' is not an ELF64 little-endian binary a uprobe can attach to: {exception.Message}", nameof(path), exception);
        }
    }

    // Versioned names in .symtab read "malloc@@GLIBC_2.2.5" (the default version) or "memcpy@GLIBC_2.2.5".
    private static bool Matches(string name, string symbol) =>
        name == symbol || (name.Length > symbol.Length && name[symbol.Length] == '@' && name.StartsWith(symbol, StringComparison.Ordinal));

    // The plain or default-version name beats an old version, as the dynamic linker would choose.
    private static int NameRank(string name, string symbol, bool hiddenVersion) =>
        name == symbol ? (hiddenVersion ? 2 : 0) : name.AsSpan(symbol.Length).StartsWith("@@") ? 1 : 3;

    private static int BindingRank(ElfSymbol symbol) => symbol.Binding switch { ElfSymbolBinding.Global => 0, ElfSymbolBinding.Weak => 1, _ => 2 };

    // .gnu.version (SHT_GNU_versym) has one u16 per .dynsym entry; bit 15 (VERSYM_HIDDEN) marks a
    // non-default version such as memcpy@GLIBC_2.2.5 (glibc: elf/elf.h).
    private static bool[]? HiddenVersions(ElfFile file, int symbolCount)
    {
        const ElfSectionType versionSymbols = (ElfSectionType)0x6fffffff;
        var section = file.Sections.Find(candidate => candidate.Type == versionSymbols);
        if (section is null || section.Data.Length < symbolCount * 2)
            return null;
        var hidden = new bool[symbolCount];
        for (int i = 0; i < symbolCount; i++)
            hidden[i] = (BinaryPrimitives.ReadUInt16LittleEndian(section.Data.AsSpan(i * 2)) & 0x8000) != 0;
        return hidden;
    }

    private static string NotFoundMessage(string path, string symbol, int tableCount, IReadOnlyList<ElfSymbol> functions)
    {
        if (tableCount == 0)
            return $"'{path}' has no symbol table (.symtab or .dynsym), so function '{symbol}' cannot be found by name; attach by file offset instead.";
        var names = functions.Select(function => function.Name.Split('@')[0]);
        return $"'{path}' defines no function '{symbol}' in .symtab or .dynsym{SimilarNames.Describe(symbol, names)}. " +
               "An inlined or static function that the compiler removed has no symbol; check with 'nm -D' or 'readelf -s'.";
    }
}
