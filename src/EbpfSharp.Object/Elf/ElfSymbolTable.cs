using System.Buffers.Binary;

namespace EbpfSharp.Object.Elf;

/// <summary>Encodes and decodes the 24-byte entries of SHT_SYMTAB and SHT_DYNSYM sections (Elf64_Sym).</summary>
public static class ElfSymbolTable
{
    /// <summary>sizeof(Elf64_Sym).</summary>
    public const int EntrySize = 24;

    /// <summary>Decodes every entry of a symbol table, resolving names in <paramref name="strings"/>.</summary>
    /// <exception cref="ObjectFormatException">The table is not a whole number of entries, or a name is invalid.</exception>
    public static IReadOnlyList<ElfSymbol> Decode(ReadOnlySpan<byte> table, ReadOnlySpan<byte> strings, string tableName = ".symtab")
    {
        if (table.Length % EntrySize != 0)
            throw new ObjectFormatException($"The symbol table {tableName} is {table.Length} bytes, not a multiple of {EntrySize}.");
        var symbols = new ElfSymbol[table.Length / EntrySize];
        for (int i = 0; i < symbols.Length; i++)
        {
            var entry = table.Slice(i * EntrySize, EntrySize);
            uint nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            byte info = entry[4];
            byte other = entry[5];
            string name = StringTable.TryRead(strings, nameOffset) ?? StringTable.Read(strings, nameOffset, $"symbol #{i} of {tableName}");
            symbols[i] = new ElfSymbol(
                name,
                BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(entry[16..]),
                (ElfSymbolType)(info & 0x0f),
                (ElfSymbolBinding)(info >> 4),
                (ElfSymbolVisibility)(other & 0x03),
                BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]));
        }
        return symbols;
    }

    /// <summary>Encodes symbols (the first must be <see cref="ElfSymbol.Null"/>), adding their names to <paramref name="strings"/>.</summary>
    public static byte[] Encode(IReadOnlyList<ElfSymbol> symbols, StringTable strings)
    {
        var bytes = new byte[symbols.Count * EntrySize];
        for (int i = 0; i < symbols.Count; i++)
        {
            var symbol = symbols[i];
            var entry = bytes.AsSpan(i * EntrySize, EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, strings.Add(symbol.Name));
            entry[4] = (byte)(((byte)symbol.Binding << 4) | ((byte)symbol.Type & 0x0f));
            entry[5] = (byte)symbol.Visibility;
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], symbol.SectionIndex);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], symbol.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[16..], symbol.Size);
        }
        return bytes;
    }
}
