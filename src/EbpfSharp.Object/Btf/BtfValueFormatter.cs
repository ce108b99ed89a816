using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EbpfSharp.Object.Btf;

/// <summary>
/// Writes a value's bytes as JSON according to its BTF type, as bpftool's formatted map dumps do: integers
/// as numbers, structs as objects, arrays as lists, enums by name, pointers and unknown layouts as hex.
/// </summary>
public sealed class BtfValueFormatter(BtfSection btf)
{
    private const int MaxDepth = 16;

    /// <summary>Writes <paramref name="bytes"/> as a JSON value of BTF type <paramref name="typeId"/>.</summary>
    public void Write(Utf8JsonWriter writer, int typeId, ReadOnlySpan<byte> bytes) => Write(writer, typeId, bytes, 0);

    /// <summary>The JSON text of <paramref name="bytes"/> as BTF type <paramref name="typeId"/>.</summary>
    public string Format(int typeId, ReadOnlySpan<byte> bytes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, typeId, bytes);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Bytes as lower-case hex separated by spaces, bpftool's raw form.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (byte value in bytes)
        {
            if (builder.Length > 0)
                builder.Append(' ');
            builder.Append(value.ToString("x2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private void Write(Utf8JsonWriter writer, int typeId, ReadOnlySpan<byte> bytes, int depth)
    {
        var type = depth > MaxDepth ? null : btf[btf.SkipModifiers(typeId)];
        switch (type)
        {
            case BtfInt integer when integer.BitOffset == 0 && integer.Size <= 8 && integer.Size <= bytes.Length:
                WriteInteger(writer, bytes[..(int)integer.Size], integer.Encoding.HasFlag(BtfIntEncoding.Signed), integer.Bits,
                    integer.Encoding.HasFlag(BtfIntEncoding.Bool));
                return;
            case BtfEnum enumeration when enumeration.Size <= 8 && enumeration.Size <= bytes.Length:
                long raw = ReadInteger(bytes[..(int)enumeration.Size], enumeration.IsSigned);
                var match = enumeration.Values.FirstOrDefault(value => value.Value == raw);
                if (match is not null)
                    writer.WriteStringValue(match.Name);
                else
                    writer.WriteNumberValue(raw);
                return;
            case BtfStruct structure when structure.Size <= bytes.Length:
                writer.WriteStartObject();
                foreach (var member in structure.Members)
                {
                    writer.WritePropertyName(member.Name.Length > 0 ? member.Name : "(anon)");
                    if (member.BitOffset % 8 != 0 || member.BitfieldSize != 0)
                        writer.WriteStringValue("(bitfield)");
                    else
                        Write(writer, member.TypeId, Slice(bytes, member.BitOffset / 8, member.TypeId), depth + 1);
                }
                writer.WriteEndObject();
                return;
            case BtfArray array when SizeOf(array.ElementTypeId) is > 0 and var elementSize && (ulong)array.Count * elementSize <= (ulong)bytes.Length:
                if (btf[btf.SkipModifiers(array.ElementTypeId)] is BtfInt { Size: 1 } character && IsCharacter(character))
                {
                    var text = bytes[..(int)array.Count];
                    int end = text.IndexOf((byte)0);
                    writer.WriteStringValue(Encoding.UTF8.GetString(end < 0 ? text : text[..end]));
                    return;
                }
                writer.WriteStartArray();
                for (int i = 0; i < array.Count; i++)
                    Write(writer, array.ElementTypeId, bytes.Slice((int)((ulong)i * elementSize), (int)elementSize), depth + 1);
                writer.WriteEndArray();
                return;
            case BtfDataSection section when section.Size <= bytes.Length:
                writer.WriteStartObject();
                foreach (var variable in section.Variables)
                {
                    if (btf[variable.TypeId] is not BtfVariable named || (ulong)variable.Offset + variable.Size > (ulong)bytes.Length)
                        continue;
                    writer.WritePropertyName(named.Name);
                    Write(writer, named.TypeId, bytes.Slice((int)variable.Offset, (int)variable.Size), depth + 1);
                }
                writer.WriteEndObject();
                return;
            default:
                writer.WriteStringValue(Hex(bytes));
                return;
        }
    }

    /// <summary>clang marks <c>char</c> as a signed 1-byte INT without the CHAR bit, so the name decides too (as bpftool does).</summary>
    private static bool IsCharacter(BtfInt integer) =>
        integer.Encoding.HasFlag(BtfIntEncoding.Char) || integer.Name is "char" or "signed char" or "unsigned char";

    private ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> bytes, uint offset, int typeId)
    {
        ulong size = SizeOf(typeId);
        return offset + size <= (ulong)bytes.Length ? bytes.Slice((int)offset, (int)size) : bytes[Math.Min((int)offset, bytes.Length)..];
    }

    private ulong SizeOf(int typeId)
    {
        try
        {
            return btf.ResolveSize(typeId);
        }
        catch (ObjectFormatException)
        {
            return 0;
        }
    }

    private static void WriteInteger(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, bool signed, int bits, bool isBool)
    {
        if (isBool)
        {
            writer.WriteBooleanValue(bytes.IndexOfAnyExcept((byte)0) >= 0);
            return;
        }
        if (signed)
            writer.WriteNumberValue(ReadInteger(bytes, signed: true));
        else
            writer.WriteNumberValue((ulong)ReadInteger(bytes, signed: false) & (bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1));
    }

    private static long ReadInteger(ReadOnlySpan<byte> bytes, bool signed) => bytes.Length switch
    {
        1 => signed ? (sbyte)bytes[0] : bytes[0],
        2 => signed ? BinaryPrimitives.ReadInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        4 => signed ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        _ => 0,
    };
}
