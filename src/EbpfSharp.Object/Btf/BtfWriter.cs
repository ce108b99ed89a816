using System.Buffers.Binary;

namespace EbpfSharp.Object.Btf;

/// <summary>
/// Encodes BTF and .BTF.ext. Strings are collected from both into one table in the .BTF blob, which is
/// laid out as the kernel requires: header (24 bytes), type records, then the string table.
/// </summary>
public static class BtfWriter
{
    /// <summary>Encodes <paramref name="btf"/> and, optionally, <paramref name="ext"/> whose strings go into the same table.</summary>
    public static BtfBlobs Write(BtfSection btf, BtfExtSection? ext)
    {
        ArgumentNullException.ThrowIfNull(btf);
        var strings = new StringTable(expectedStrings: btf.Types.Count + (ext is null ? 0 : ext.LineInfos.Count * 8));
        var types = new Output(TypesSize(btf));
        int id = 1;
        foreach (var type in btf.Types)
            WriteType(types, type, strings, id++);
        var extBytes = ext is null ? null : WriteExt(ext, strings);

        var blob = new byte[24 + types.Length + strings.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(blob, BtfSection.Magic);
        blob[2] = 1;    // version
        blob[3] = 0;    // flags
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(4), 24);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(12), (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(16), (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(20), (uint)strings.Length);
        types.Written.CopyTo(blob.AsSpan(24));
        strings.CopyTo(blob.AsSpan(24 + types.Length));
        return new BtfBlobs(blob, extBytes, strings);
    }

    /// <summary>The bytes the type records take: a 12-byte header each and what follows it.</summary>
    private static int TypesSize(BtfSection btf)
    {
        long size = 0;
        foreach (var type in btf.Types)
        {
            size += 12 + type switch
            {
                BtfInt or BtfVariable or BtfDeclTag => 4,
                BtfArray => 12,
                BtfStruct structure => 12L * structure.Members.Count,
                BtfEnum { Is64: false } enumeration => 8L * enumeration.Values.Count,
                BtfEnum enumeration => 12L * enumeration.Values.Count,
                BtfFunctionProto proto => 8L * proto.Parameters.Count,
                BtfDataSection section => 12L * section.Variables.Count,
                _ => 0,
            };
        }
        return (int)Math.Min(size, Array.MaxLength);
    }

    private static void WriteType(Output output, BtfType type, StringTable strings, int id)
    {
        uint name = strings.Add(type.Name);
        switch (type)
        {
            case BtfInt integer:
                Header(output, name, BtfKind.Int, 0, false, integer.Size);
                U32(output, ((uint)integer.Encoding << 24) | ((uint)integer.BitOffset << 16) | integer.Bits);
                break;
            case BtfPointer pointer:
                Header(output, name, BtfKind.Pointer, 0, false, (uint)pointer.TypeId);
                break;
            case BtfArray array:
                Header(output, name, BtfKind.Array, 0, false, 0);
                U32(output, (uint)array.ElementTypeId);
                U32(output, (uint)array.IndexTypeId);
                U32(output, array.Count);
                break;
            case BtfStruct structure:
                Header(output, name, structure.Kind, VariableLength(structure.Members.Count, id), structure.HasBitfieldSizes, structure.Size);
                foreach (var member in structure.Members)
                {
                    U32(output, strings.Add(member.Name));
                    U32(output, (uint)member.TypeId);
                    U32(output, structure.HasBitfieldSizes ? ((uint)member.BitfieldSize << 24) | (member.BitOffset & 0xffffff) : member.BitOffset);
                }
                break;
            case BtfEnum { Is64: false } enumeration:
                Header(output, name, BtfKind.Enum, VariableLength(enumeration.Values.Count, id), enumeration.IsSigned, enumeration.Size);
                foreach (var value in enumeration.Values)
                {
                    U32(output, strings.Add(value.Name));
                    U32(output, unchecked((uint)value.Value));
                }
                break;
            case BtfEnum enumeration:
                Header(output, name, BtfKind.Enum64, VariableLength(enumeration.Values.Count, id), enumeration.IsSigned, enumeration.Size);
                foreach (var value in enumeration.Values)
                {
                    U32(output, strings.Add(value.Name));
                    U32(output, unchecked((uint)value.Value));
                    U32(output, unchecked((uint)(value.Value >> 32)));
                }
                break;
            case BtfForward forward:
                Header(output, name, BtfKind.Forward, 0, forward.IsUnion, 0);
                break;
            case BtfTypedef typedef:
                Header(output, name, BtfKind.Typedef, 0, false, (uint)typedef.TypeId);
                break;
            case BtfQualifier qualifier:
                Header(output, name, qualifier.Kind, 0, false, (uint)qualifier.TypeId);
                break;
            case BtfFunction function:
                Header(output, name, BtfKind.Function, (ushort)function.Linkage, false, (uint)function.ProtoTypeId);
                break;
            case BtfFunctionProto proto:
                Header(output, name, BtfKind.FunctionProto, VariableLength(proto.Parameters.Count, id), false, (uint)proto.ReturnTypeId);
                foreach (var parameter in proto.Parameters)
                {
                    U32(output, strings.Add(parameter.Name));
                    U32(output, (uint)parameter.TypeId);
                }
                break;
            case BtfVariable variable:
                Header(output, name, BtfKind.Variable, 0, false, (uint)variable.TypeId);
                U32(output, (uint)variable.Linkage);
                break;
            case BtfDataSection section:
                Header(output, name, BtfKind.DataSection, VariableLength(section.Variables.Count, id), false, section.Size);
                foreach (var variable in section.Variables)
                {
                    U32(output, (uint)variable.TypeId);
                    U32(output, variable.Offset);
                    U32(output, variable.Size);
                }
                break;
            case BtfFloat floating:
                Header(output, name, BtfKind.Float, 0, false, floating.Size);
                break;
            case BtfDeclTag tag:
                Header(output, name, BtfKind.DeclTag, 0, false, (uint)tag.TypeId);
                U32(output, (uint)tag.ComponentIndex);
                break;
            case BtfTypeTag tag:
                Header(output, name, BtfKind.TypeTag, 0, false, (uint)tag.TypeId);
                break;
            default:
                throw new ArgumentException($"BTF type {id} is a {type.GetType().Name}, which has no encoding.", nameof(type));
        }
    }

    private static byte[] WriteExt(BtfExtSection ext, StringTable strings)
    {
        var functions = Subsection(ext.FunctionInfos, 8, strings, (output, record, _) =>
        {
            U32(output, record.InstructionOffset);
            U32(output, (uint)record.TypeId);
        });
        var lines = Subsection(ext.LineInfos, 16, strings, (output, record, table) =>
        {
            if (record.Column > 0x3ff || record.LineNumber > 0x3fffff)
                throw new ArgumentException($"Line {record.LineNumber}, column {record.Column} of {record.FileName} does not fit line_info's 22/10 bits.");
            U32(output, record.InstructionOffset);
            U32(output, table.Add(record.FileName));
            U32(output, table.Add(record.LineText));
            U32(output, (record.LineNumber << 10) | record.Column);
        });
        var relocations = Subsection(ext.CoreRelocations, 16, strings, (output, record, table) =>
        {
            U32(output, record.InstructionOffset);
            U32(output, (uint)record.TypeId);
            U32(output, table.Add(record.AccessString));
            U32(output, (uint)record.Kind);
        });

        const int headerSize = 32;
        var blob = new byte[headerSize + functions.Length + lines.Length + relocations.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(blob, BtfSection.Magic);
        blob[2] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(4), headerSize);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(12), (uint)functions.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(16), (uint)functions.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(20), (uint)lines.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(24), (uint)(functions.Length + lines.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(28), (uint)relocations.Length);
        functions.CopyTo(blob, headerSize);
        lines.CopyTo(blob, headerSize + functions.Length);
        relocations.CopyTo(blob, headerSize + functions.Length + lines.Length);
        return blob;
    }

    private static byte[] Subsection<T>(List<BtfExtSectionRecords<T>> sections, uint recordSize, StringTable strings,
        Action<Output, T, StringTable> writeRecord)
    {
        // libbpf rejects a subsection with a section of zero records; empty subsections have length 0.
        long size = 0;
        foreach (var section in sections)
            if (section.Records.Count > 0)
                size += 8 + (long)section.Records.Count * recordSize;
        if (size == 0)
            return [];
        var output = new Output((int)Math.Min(4 + size, Array.MaxLength));
        U32(output, recordSize);
        foreach (var section in sections)
        {
            if (section.Records.Count == 0)
                continue;
            U32(output, strings.Add(section.SectionName));
            U32(output, (uint)section.Records.Count);
            foreach (var record in section.Records.AsSpan())
                writeRecord(output, record, strings);
        }
        return output.ToArray();
    }

    private static ushort VariableLength(int count, int id) =>
        count <= ushort.MaxValue ? (ushort)count : throw new ArgumentException($"BTF type {id} has {count} entries; at most 65535 fit.");

    private static void Header(Output output, uint name, BtfKind kind, ushort vlen, bool kindFlag, uint sizeOrType)
    {
        U32(output, name);
        U32(output, (kindFlag ? 1u << 31 : 0) | ((uint)kind << 24) | vlen);
        U32(output, sizeOrType);
    }

    private static void U32(Output output, uint value) => output.Write(value);

    /// <summary>Little-endian words appended to a buffer sized for what is written (it grows if the size was short).</summary>
    private sealed class Output(int capacity)
    {
        private byte[] _bytes = new byte[capacity];

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

        public void Write(uint value)
        {
            if (_bytes.Length - Length < 4)
                Array.Resize(ref _bytes, Math.Max(16, _bytes.Length * 2));
            BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(Length), value);
            Length += 4;
        }

        public byte[] ToArray() => Length == _bytes.Length ? _bytes : Written.ToArray();
    }
}
