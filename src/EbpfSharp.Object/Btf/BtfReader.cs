using System.Buffers.Binary;

namespace EbpfSharp.Object.Btf;

/// <summary>Decodes BTF blobs, checking the header and every record against the blob's bounds.</summary>
internal static class BtfReader
{
    private const int HeaderSize = 24;
    private const int TypeHeaderSize = 12;

    public static BtfSection Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize)
            throw new ObjectFormatException($"BTF is {bytes.Length} bytes, shorter than its 24-byte header.");
        ushort magic = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (magic == 0x9feb)
            throw new ObjectFormatException("BTF is big-endian; only little-endian BTF is supported.");
        if (magic != BtfSection.Magic)
            throw new ObjectFormatException($"BTF starts with 0x{magic:x4}, not the magic 0xeb9f.");
        if (bytes[2] != 1)
            throw new ObjectFormatException($"BTF version {bytes[2]} is not supported; version 1 is.");
        uint headerLength = U32(bytes, 4);
        uint typeOffset = U32(bytes, 8), typeLength = U32(bytes, 12);
        uint stringOffset = U32(bytes, 16), stringLength = U32(bytes, 20);
        if (headerLength < HeaderSize || headerLength > bytes.Length)
            throw new ObjectFormatException($"BTF header length {headerLength} is not between 24 and the blob size {bytes.Length}.");
        var body = bytes[(int)headerLength..];
        if (typeOffset % 4 != 0)
            throw new ObjectFormatException($"BTF type records start at offset {typeOffset}, which is not 4-byte aligned.");
        if ((ulong)typeOffset + typeLength > (ulong)body.Length)
            throw new ObjectFormatException($"BTF type records ({typeLength} bytes at {typeOffset}) run past the end of the blob ({body.Length} bytes after the header).");
        if ((ulong)stringOffset + stringLength > (ulong)body.Length)
            throw new ObjectFormatException($"The BTF string table ({stringLength} bytes at {stringOffset}) runs past the end of the blob ({body.Length} bytes after the header).");
        var strings = body.Slice((int)stringOffset, (int)stringLength);
        if (strings.Length > 0 && strings[0] != 0)
            throw new ObjectFormatException("The BTF string table does not start with the empty string.");

        var records = body.Slice((int)typeOffset, (int)typeLength);
        // Most records are a 12-byte header and a few members: a guess that saves the list's regrowth.
        var section = new BtfSection(expectedTypes: records.Length / 24) { ReadStrings = strings.ToArray() };
        var names = new StringTableCache(section.ReadStrings);
        int position = 0;
        while (position < records.Length)
        {
            int id = section.NextId;
            if (records.Length - position < TypeHeaderSize)
                throw new ObjectFormatException($"BTF type {id} at offset {position} is cut short: {records.Length - position} bytes remain of its 12-byte header.");
            var record = records[position..];
            string name = Name(names, U32(record, 0), id);
            uint info = U32(record, 4);
            uint sizeOrType = U32(record, 8);
            var kind = (BtfKind)((info >> 24) & 0x1f);
            int vlen = (int)(info & 0xffff);
            bool kindFlag = (info >> 31) != 0;
            int trailing = TrailingSize(kind, vlen, id);
            if (records.Length - position - TypeHeaderSize < trailing)
                throw new ObjectFormatException($"BTF type {id} ({kind}) needs {trailing} bytes after its header, but only {records.Length - position - TypeHeaderSize} remain.");
            var extra = record.Slice(TypeHeaderSize, trailing);
            section.Add(Decode(kind, name, vlen, kindFlag, sizeOrType, extra, names, id));
            position += TypeHeaderSize + trailing;
        }
        return section;
    }

    private static int TrailingSize(BtfKind kind, int vlen, int id) => kind switch
    {
        BtfKind.Int or BtfKind.Variable or BtfKind.DeclTag => 4,
        BtfKind.Pointer or BtfKind.Forward or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
            or BtfKind.Function or BtfKind.Float or BtfKind.TypeTag => 0,
        BtfKind.Array => 12,
        BtfKind.Struct or BtfKind.Union or BtfKind.DataSection or BtfKind.Enum64 => vlen * 12,
        BtfKind.Enum or BtfKind.FunctionProto => vlen * 8,
        _ => throw new ObjectFormatException($"BTF type {id} has unknown kind {(int)kind}."),
    };

    private static BtfType Decode(BtfKind kind, string name, int vlen, bool kindFlag, uint sizeOrType, ReadOnlySpan<byte> extra, StringTableCache names, int id)
    {
        int typeId = (int)Math.Min(sizeOrType, int.MaxValue);
        switch (kind)
        {
            case BtfKind.Int:
                uint encoding = U32(extra, 0);
                return new BtfInt(sizeOrType, (BtfIntEncoding)((encoding >> 24) & 0x0f), (byte)(encoding >> 16), (byte)encoding) { Name = name };
            case BtfKind.Pointer:
                return new BtfPointer(typeId) { Name = name };
            case BtfKind.Array:
                return new BtfArray(Id(U32(extra, 0)), Id(U32(extra, 4)), U32(extra, 8)) { Name = name };
            case BtfKind.Struct or BtfKind.Union:
            {
                var members = new BtfMember[vlen];
                for (int i = 0; i < vlen; i++)
                {
                    var member = extra.Slice(i * 12, 12);
                    uint offset = U32(member, 8);
                    members[i] = kindFlag
                        ? new BtfMember(Name(names, U32(member, 0), id), Id(U32(member, 4)), offset & 0xffffff, (byte)(offset >> 24))
                        : new BtfMember(Name(names, U32(member, 0), id), Id(U32(member, 4)), offset);
                }
                return new BtfStruct(sizeOrType, EquatableArray<BtfMember>.Own(members), kind == BtfKind.Union, kindFlag) { Name = name };
            }
            case BtfKind.Enum:
            {
                var values = new BtfEnumValue[vlen];
                for (int i = 0; i < vlen; i++)
                {
                    uint raw = U32(extra, i * 8 + 4);
                    values[i] = new BtfEnumValue(Name(names, U32(extra, i * 8), id), kindFlag ? (int)raw : raw);
                }
                return new BtfEnum(sizeOrType, EquatableArray<BtfEnumValue>.Own(values), kindFlag) { Name = name };
            }
            case BtfKind.Enum64:
            {
                var values = new BtfEnumValue[vlen];
                for (int i = 0; i < vlen; i++)
                {
                    var value = extra.Slice(i * 12, 12);
                    values[i] = new BtfEnumValue(Name(names, U32(value, 0), id), (long)(((ulong)U32(value, 8) << 32) | U32(value, 4)));
                }
                return new BtfEnum(sizeOrType, EquatableArray<BtfEnumValue>.Own(values), kindFlag, Is64: true) { Name = name };
            }
            case BtfKind.Forward:
                return new BtfForward(kindFlag) { Name = name };
            case BtfKind.Typedef:
                return new BtfTypedef(typeId) { Name = name };
            case BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict:
                return new BtfQualifier(kind, typeId) { Name = name };
            case BtfKind.Function:
                return new BtfFunction(typeId, (BtfFunctionLinkage)vlen) { Name = name };
            case BtfKind.FunctionProto:
            {
                var parameters = new BtfParameter[vlen];
                for (int i = 0; i < vlen; i++)
                    parameters[i] = new BtfParameter(Name(names, U32(extra, i * 8), id), Id(U32(extra, i * 8 + 4)));
                return new BtfFunctionProto(typeId, EquatableArray<BtfParameter>.Own(parameters)) { Name = name };
            }
            case BtfKind.Variable:
                return new BtfVariable(typeId, (BtfVariableLinkage)U32(extra, 0)) { Name = name };
            case BtfKind.DataSection:
            {
                var variables = new BtfVariableInfo[vlen];
                for (int i = 0; i < vlen; i++)
                    variables[i] = new BtfVariableInfo(Id(U32(extra, i * 12)), U32(extra, i * 12 + 4), U32(extra, i * 12 + 8));
                return new BtfDataSection(sizeOrType, EquatableArray<BtfVariableInfo>.Own(variables)) { Name = name };
            }
            case BtfKind.Float:
                return new BtfFloat(sizeOrType) { Name = name };
            case BtfKind.DeclTag:
                return new BtfDeclTag(typeId, (int)U32(extra, 0)) { Name = name };
            case BtfKind.TypeTag:
                return new BtfTypeTag(typeId) { Name = name };
            default:
                throw new ObjectFormatException($"BTF type {id} has unknown kind {(int)kind}.");
        }
    }

    /// <summary>Decodes each string offset once; kernel BTF repeats the same names many times.</summary>
    private static string Name(StringTableCache names, uint offset, int typeId) =>
        names.TryGet(offset) ?? names.Get(offset, $"BTF type {typeId}");

    private static int Id(uint value) => (int)Math.Min(value, int.MaxValue);

    private static uint U32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
}
