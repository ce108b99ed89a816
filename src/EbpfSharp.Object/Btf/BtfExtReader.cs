using System.Buffers.Binary;

namespace EbpfSharp.Object.Btf;

/// <summary>Decodes <c>.BTF.ext</c> blobs with the checks libbpf applies (libbpf: src/btf.c, btf_ext_parse).</summary>
internal static class BtfExtReader
{
    private const int MinimumHeaderSize = 24;
    private const int FunctionInfoSize = 8;
    private const int LineInfoSize = 16;
    private const int CoreRelocationSize = 16;

    public static BtfExtSection Read(ReadOnlySpan<byte> bytes, BtfSection btf)
    {
        var strings = btf.ReadStrings
            ?? throw new ObjectFormatException(".BTF.ext strings live in the .BTF string table, but this BTF was not read from bytes.");
        if (bytes.Length < MinimumHeaderSize)
            throw new ObjectFormatException($".BTF.ext is {bytes.Length} bytes, shorter than its 24-byte header.");
        ushort magic = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (magic != BtfSection.Magic)
            throw new ObjectFormatException($".BTF.ext starts with 0x{magic:x4}, not the magic 0xeb9f.");
        if (bytes[2] != 1)
            throw new ObjectFormatException($".BTF.ext version {bytes[2]} is not supported; version 1 is.");
        uint headerLength = U32(bytes, 4);
        if (headerLength < MinimumHeaderSize || headerLength > bytes.Length)
            throw new ObjectFormatException($".BTF.ext header length {headerLength} is not between 24 and the blob size {bytes.Length}.");
        var body = bytes[(int)headerLength..];
        var ext = new BtfExtSection();
        var names = new StringTableCache(strings);
        ReadSubsection(body, U32(bytes, 8), U32(bytes, 12), FunctionInfoSize, "func_info", names, ext.FunctionInfos,
            (record, _) => new BtfFunctionInfo(U32(record, 0), (int)Math.Min(U32(record, 4), int.MaxValue)));
        ReadSubsection(body, U32(bytes, 16), U32(bytes, 20), LineInfoSize, "line_info", names, ext.LineInfos,
            (record, table) => new BtfLineInfo(
                U32(record, 0),
                table.Get(U32(record, 4), "a line_info file"),
                table.Get(U32(record, 8), "a line_info line"),
                U32(record, 12) >> 10,
                U32(record, 12) & 0x3ff));
        if (headerLength >= 32)
            ReadSubsection(body, U32(bytes, 24), U32(bytes, 28), CoreRelocationSize, "CO-RE relocation", names, ext.CoreRelocations,
                (record, table) => new BtfCoreRelocation(
                    U32(record, 0),
                    (int)Math.Min(U32(record, 4), int.MaxValue),
                    table.Get(U32(record, 8), "a CO-RE access string"),
                    (BtfCoreRelocationKind)U32(record, 12)));
        return ext;
    }

    private delegate T RecordDecoder<T>(ReadOnlySpan<byte> record, StringTableCache strings);

    private static void ReadSubsection<T>(ReadOnlySpan<byte> body, uint offset, uint length, int minimumRecordSize, string what,
        StringTableCache strings, List<BtfExtSectionRecords<T>> into, RecordDecoder<T> decode)
    {
        if (length == 0)
            return;
        if (offset % 4 != 0)
            throw new ObjectFormatException($"The .BTF.ext {what} subsection at offset {offset} is not 4-byte aligned.");
        if ((ulong)offset + length > (ulong)body.Length)
            throw new ObjectFormatException($"The .BTF.ext {what} subsection ({length} bytes at {offset}) runs past the end of the blob.");
        var data = body.Slice((int)offset, (int)length);
        if (data.Length < 4)
            throw new ObjectFormatException($"The .BTF.ext {what} subsection is too short to hold its record size.");
        uint recordSize = U32(data, 0);
        if (recordSize < minimumRecordSize || recordSize % 4 != 0 || recordSize > 1024)
            throw new ObjectFormatException($"The .BTF.ext {what} record size {recordSize} is invalid (at least {minimumRecordSize}, a multiple of 4).");
        int position = 4;
        if (position >= data.Length)
            throw new ObjectFormatException($"The .BTF.ext {what} subsection holds no section.");
        while (position < data.Length)
        {
            if (data.Length - position < 8)
                throw new ObjectFormatException($"A .BTF.ext {what} section header at offset {position} is cut short.");
            uint nameOffset = U32(data, position);
            string sectionName = strings.TryGet(nameOffset) ?? strings.Get(nameOffset, $"a .BTF.ext {what} section");
            uint count = U32(data, position + 4);
            position += 8;
            if (count == 0)
                throw new ObjectFormatException($"The .BTF.ext {what} records of section '{sectionName}' have a count of 0.");
            if ((ulong)count * recordSize > (ulong)(data.Length - position))
                throw new ObjectFormatException($"The {count} .BTF.ext {what} records of section '{sectionName}' run past the end of the subsection.");
            var records = new T[count];
            for (int i = 0; i < count; i++)
                records[i] = decode(data.Slice(position + i * (int)recordSize, (int)recordSize), strings);
            position += (int)(count * recordSize);
            into.Add(new BtfExtSectionRecords<T>(sectionName, EquatableArray<T>.Own(records)));
        }
    }

    private static uint U32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
}
