using System.Buffers.Binary;

namespace EbpfSharp.Object.Elf;

/// <summary>
/// Lays out an <see cref="ElfFile"/>: the 64-byte header, each section's data at its alignment, then the
/// section header table. Section names missing from the name table are appended to it.
/// </summary>
internal static class ElfWriter
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    public static byte[] Write(ElfFile file)
    {
        var sections = file.Sections;
        if (sections.Count == 0 || sections[0].Type != ElfSectionType.Null)
            throw new InvalidOperationException("Section 0 of an ELF file must be the null section.");
        var nameOffsets = AssignNames(file);

        using var output = new MemoryStream();
        output.Write(new byte[HeaderSize]);
        var offsets = new ulong[sections.Count];
        for (int i = 1; i < sections.Count; i++)
        {
            var section = sections[i];
            if (section.Type is ElfSectionType.NoBits or ElfSectionType.Null)
            {
                offsets[i] = (ulong)output.Length;
                continue;
            }
            Pad(output, Math.Max(section.Alignment, 1));
            offsets[i] = (ulong)output.Length;
            output.Write(section.Data);
        }
        Pad(output, 8);
        ulong sectionHeaderOffset = (ulong)output.Length;

        bool extended = sections.Count >= ElfSectionIndex.LowReserved;
        var header = new byte[SectionHeaderSize];
        for (int i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            Array.Clear(header);
            if (i == 0)
            {
                if (extended)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), (ulong)sections.Count);
                    BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)file.SectionNameTableIndex);
                }
                output.Write(header);
                continue;
            }
            BinaryPrimitives.WriteUInt32LittleEndian(header, nameOffsets[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)section.Type);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), (ulong)section.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), section.Address);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), offsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), section.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), section.Link);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), section.Info);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(48), section.Alignment);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(56), section.EntrySize);
            output.Write(header);
        }

        var bytes = output.ToArray();
        var elf = bytes.AsSpan(0, HeaderSize);
        elf[0] = 0x7f; elf[1] = (byte)'E'; elf[2] = (byte)'L'; elf[3] = (byte)'F';
        elf[4] = 2;   // ELFCLASS64
        elf[5] = 1;   // ELFDATA2LSB
        elf[6] = 1;   // EV_CURRENT
        elf[7] = file.OsAbi;
        BinaryPrimitives.WriteUInt16LittleEndian(elf[16..], (ushort)file.Type);
        BinaryPrimitives.WriteUInt16LittleEndian(elf[18..], file.Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(elf[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(elf[24..], file.Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(elf[40..], sectionHeaderOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(elf[48..], file.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(elf[52..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(elf[58..], SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(elf[60..], extended ? (ushort)0 : (ushort)sections.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(elf[62..],
            extended && file.SectionNameTableIndex >= ElfSectionIndex.LowReserved ? ElfSectionIndex.Extended : (ushort)file.SectionNameTableIndex);
        return bytes;
    }

    /// <summary>Finds each section name in the name table, appending the names it lacks.</summary>
    private static uint[] AssignNames(ElfFile file)
    {
        var sections = file.Sections;
        var offsets = new uint[sections.Count];
        if (file.SectionNameTableIndex == 0)
        {
            if (sections.Skip(1).Any(section => section.Name.Length > 0))
                throw new InvalidOperationException("Sections have names, but the file names no section-name string table (SectionNameTableIndex is 0).");
            return offsets;
        }
        var table = file.SectionAt(file.SectionNameTableIndex, "The section-name table index");
        if (table.Type != ElfSectionType.StringTable)
            throw new InvalidOperationException($"The section-name table '{table.Name}' is {table.Type}, not a string table.");
        var missing = new List<string>();
        foreach (var section in sections.Skip(1))
            if (StringTable.Find(table.Data, section.Name) < 0 && !missing.Contains(section.Name))
                missing.Add(section.Name);
        if (missing.Count > 0)
        {
            using var grown = new MemoryStream();
            grown.Write(table.Data.Length == 0 ? [0] : table.Data);
            foreach (var name in missing)
            {
                grown.Write(System.Text.Encoding.UTF8.GetBytes(name));
                grown.WriteByte(0);
            }
            table.Data = grown.ToArray();
        }
        for (int i = 1; i < sections.Count; i++)
            offsets[i] = (uint)StringTable.Find(table.Data, sections[i].Name);
        return offsets;
    }

    private static void Pad(MemoryStream output, ulong alignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            alignment = 1;
        while ((ulong)output.Length % alignment != 0)
            output.WriteByte(0);
    }
}
