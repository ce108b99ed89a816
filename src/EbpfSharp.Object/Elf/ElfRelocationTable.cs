using System.Buffers.Binary;

namespace EbpfSharp.Object.Elf;

/// <summary>Encodes and decodes SHT_REL (16-byte) and SHT_RELA (24-byte) entries.</summary>
public static class ElfRelocationTable
{
    /// <summary>sizeof(Elf64_Rel).</summary>
    public const int RelEntrySize = 16;

    /// <summary>sizeof(Elf64_Rela).</summary>
    public const int RelaEntrySize = 24;

    /// <summary>Decodes a relocation section's entries.</summary>
    /// <exception cref="ObjectFormatException">The section is not a whole number of entries.</exception>
    public static IReadOnlyList<ElfRelocation> Decode(ReadOnlySpan<byte> table, bool withAddends, string tableName)
    {
        int entrySize = withAddends ? RelaEntrySize : RelEntrySize;
        if (table.Length % entrySize != 0)
            throw new ObjectFormatException($"The relocation section {tableName} is {table.Length} bytes, not a multiple of {entrySize}.");
        var relocations = new ElfRelocation[table.Length / entrySize];
        for (int i = 0; i < relocations.Length; i++)
        {
            var entry = table.Slice(i * entrySize, entrySize);
            ulong info = BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]);
            relocations[i] = new ElfRelocation(
                BinaryPrimitives.ReadUInt64LittleEndian(entry),
                (uint)(info >> 32),
                (uint)info,
                withAddends ? BinaryPrimitives.ReadInt64LittleEndian(entry[16..]) : 0);
        }
        return relocations;
    }

    /// <summary>Encodes relocations as SHT_REL (addends must be 0) or SHT_RELA entries.</summary>
    public static byte[] Encode(IReadOnlyList<ElfRelocation> relocations, bool withAddends)
    {
        int entrySize = withAddends ? RelaEntrySize : RelEntrySize;
        var bytes = new byte[relocations.Count * entrySize];
        for (int i = 0; i < relocations.Count; i++)
        {
            var relocation = relocations[i];
            if (!withAddends && relocation.Addend != 0)
                throw new ArgumentException($"Relocation #{i} has addend {relocation.Addend}, but SHT_REL entries carry none.", nameof(relocations));
            var entry = bytes.AsSpan(i * entrySize, entrySize);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, relocation.Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], ((ulong)relocation.SymbolIndex << 32) | relocation.Type);
            if (withAddends)
                BinaryPrimitives.WriteInt64LittleEndian(entry[16..], relocation.Addend);
        }
        return bytes;
    }
}
