using System.Buffers.Binary;

namespace EbpfSharp.Object.Elf;

/// <summary>Parses ELF64 little-endian files, checking every offset and size against the file.</summary>
internal static class ElfReader
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    public static ElfFile Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize)
            throw new ObjectFormatException($"The file is {bytes.Length} bytes, shorter than the 64-byte ELF64 header.");
        if (bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new ObjectFormatException("The file does not start with the ELF magic bytes 7f 45 4c 46.");
        if (bytes[4] != 2)
            throw new ObjectFormatException($"The file is not a 64-bit ELF object (EI_CLASS is {bytes[4]}, expected 2).");
        if (bytes[5] == 2)
            throw new ObjectFormatException("The file is a big-endian ELF object; only little-endian objects are supported.");
        if (bytes[5] != 1)
            throw new ObjectFormatException($"The file has an invalid byte order (EI_DATA is {bytes[5]}).");

        var file = new ElfFile
        {
            OsAbi = bytes[7],
            Type = (ElfFileType)U16(bytes, 16),
            Machine = U16(bytes, 18),
            Entry = U64(bytes, 24),
            Flags = U32(bytes, 48),
        };
        file.Sections.Clear();

        ulong sectionHeaderOffset = U64(bytes, 40);
        ushort sectionHeaderEntrySize = U16(bytes, 58);
        long sectionCount = U16(bytes, 60);
        long nameTableIndex = U16(bytes, 62);
        if (sectionHeaderOffset == 0)
        {
            file.Sections.Add(new ElfSection(string.Empty, ElfSectionType.Null) { Alignment = 0 });
            return file;
        }
        if (sectionHeaderEntrySize != SectionHeaderSize)
            throw new ObjectFormatException($"Section headers are {sectionHeaderEntrySize} bytes; ELF64 section headers are 64.");
        if (sectionHeaderOffset > (ulong)bytes.Length - SectionHeaderSize)
            throw new ObjectFormatException($"The section header table at offset {sectionHeaderOffset} is outside the {bytes.Length}-byte file.");

        // Extended numbering: the real count and name-table index live in section 0 (ELF gABI).
        var first = bytes.Slice((int)sectionHeaderOffset, SectionHeaderSize);
        if (sectionCount == 0)
            sectionCount = (long)U64(first, 32);
        if (nameTableIndex == ElfSectionIndex.Extended)
            nameTableIndex = U32(first, 40);
        if (sectionCount == 0)
        {
            file.Sections.Add(new ElfSection(string.Empty, ElfSectionType.Null) { Alignment = 0 });
            return file;
        }
        if (sectionCount > (bytes.Length - (long)sectionHeaderOffset) / SectionHeaderSize)
            throw new ObjectFormatException($"The file claims {sectionCount} sections, but the header table at offset {sectionHeaderOffset} holds at most {(bytes.Length - (long)sectionHeaderOffset) / SectionHeaderSize}.");
        if (nameTableIndex >= sectionCount)
            throw new ObjectFormatException($"The section-name table index {nameTableIndex} is not below the section count {sectionCount}.");

        var nameOffsets = new uint[sectionCount];
        for (int i = 0; i < sectionCount; i++)
        {
            var header = bytes.Slice((int)sectionHeaderOffset + i * SectionHeaderSize, SectionHeaderSize);
            var section = new ElfSection(string.Empty, (ElfSectionType)U32(header, 4))
            {
                Flags = (ElfSectionFlags)U64(header, 8),
                Address = U64(header, 16),
                Link = U32(header, 40),
                Info = U32(header, 44),
                Alignment = U64(header, 48),
                EntrySize = U64(header, 56),
            };
            nameOffsets[i] = U32(header, 0);
            ulong offset = U64(header, 24);
            ulong size = U64(header, 32);
            section.FileOffset = offset;
            if (i == 0)
            {
                // Section 0 may carry the extended count and index; it has no data.
                section.Type = ElfSectionType.Null;
                section.Link = 0;
                section.Info = 0;
                section.Alignment = 0;
            }
            else if (section.Type == ElfSectionType.NoBits)
            {
                section.Size = size;
            }
            else if (section.Type != ElfSectionType.Null)
            {
                if (offset > (ulong)bytes.Length || size > (ulong)bytes.Length - offset)
                    throw new ObjectFormatException($"Section #{i} claims {size} bytes at offset {offset}, outside the {bytes.Length}-byte file.");
                section.Data = bytes.Slice((int)offset, (int)size).ToArray();
            }
            file.Sections.Add(section);
        }

        file.SectionNameTableIndex = (int)nameTableIndex;
        if (nameTableIndex != 0)
        {
            var names = file.Sections[(int)nameTableIndex];
            if (names.Type != ElfSectionType.StringTable)
                throw new ObjectFormatException($"The section-name table (section #{nameTableIndex}) is {names.Type}, not a string table.");
            for (int i = 1; i < file.Sections.Count; i++)
                file.Sections[i].Name = StringTable.TryRead(names.Data, nameOffsets[i]) ?? StringTable.Read(names.Data, nameOffsets[i], $"section #{i}");
        }
        return file;
    }

    private static ushort U16(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);

    private static uint U32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);

    private static ulong U64(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);
}
