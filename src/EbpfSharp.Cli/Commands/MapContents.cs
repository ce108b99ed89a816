using System.Text.Json;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime;

namespace EbpfSharp.Cli.Commands;

/// <summary>Reads a loaded map's entries and writes them raw (hex) and, when the object has BTF, typed.</summary>
internal sealed class MapContents(BpfObject loaded)
{
    private readonly BtfValueFormatter? _formatter = loaded.Spec.Btf is { } btf ? new BtfValueFormatter(btf) : null;

    /// <summary>Map kinds whose contents are not plain key/value bytes (streams, descriptors).</summary>
    public static bool IsReadable(BpfMap map) => map.Type is not (BpfMapType.RingBuffer or BpfMapType.PerfEventArray
        or BpfMapType.ProgramArray or BpfMapType.ArrayOfMaps or BpfMapType.HashOfMaps or BpfMapType.UserRingBuffer
        or BpfMapType.Queue or BpfMapType.Stack or BpfMapType.BloomFilter);

    public IEnumerable<(byte[] Key, byte[] Value)> Entries(BpfMap map) => IsReadable(map) ? map.Entries() : [];

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("maps");
        foreach (var (name, map) in loaded.Maps)
        {
            var definition = loaded.Spec.Map(name).Definition;
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("type", map.Type.ToString());
            if (!IsReadable(map))
                writer.WriteString("contents", $"not readable as entries ({map.Type})");
            writer.WriteStartArray("entries");
            foreach (var (key, value) in Entries(map))
            {
                writer.WriteStartObject();
                writer.WriteString("key", BtfValueFormatter.Hex(key));
                if (map.IsPerCpu)
                {
                    writer.WriteStartArray("values");
                    foreach (var perCpu in PerCpu(map, value))
                        writer.WriteStringValue(BtfValueFormatter.Hex(perCpu));
                    writer.WriteEndArray();
                }
                else
                {
                    writer.WriteString("value", BtfValueFormatter.Hex(value));
                }
                if (_formatter is not null && (definition.BtfKeyTypeId != 0 || definition.BtfValueTypeId != 0))
                {
                    writer.WriteStartObject("formatted");
                    if (definition.BtfKeyTypeId != 0)
                    {
                        writer.WritePropertyName("key");
                        _formatter.Write(writer, definition.BtfKeyTypeId, key);
                    }
                    if (definition.BtfValueTypeId != 0)
                    {
                        writer.WritePropertyName(map.IsPerCpu ? "values" : "value");
                        if (map.IsPerCpu)
                        {
                            writer.WriteStartArray();
                            foreach (var perCpu in PerCpu(map, value))
                                _formatter.Write(writer, definition.BtfValueTypeId, perCpu);
                            writer.WriteEndArray();
                        }
                        else
                        {
                            _formatter.Write(writer, definition.BtfValueTypeId, value);
                        }
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>Text for people: non-zero entries only, typed when possible.</summary>
    public void WriteText(TextWriter output)
    {
        foreach (var (name, map) in loaded.Maps)
        {
            var definition = loaded.Spec.Map(name).Definition;
            output.WriteLine($"  {name} ({map.Type})");
            if (!IsReadable(map))
            {
                output.WriteLine("    (a stream or descriptors; not readable as entries)");
                continue;
            }
            int zero = 0;
            foreach (var (key, value) in Entries(map))
            {
                if (!value.AsSpan().ContainsAnyExcept((byte)0))
                {
                    zero++;
                    continue;
                }
                output.WriteLine($"    {Render(definition.BtfKeyTypeId, key)}: {Render(definition.BtfValueTypeId, value)}");
            }
            if (zero > 0)
                output.WriteLine($"    ({zero} {(zero == 1 ? "entry" : "entries")} with an all-zero value not shown)");
        }
    }

    private string Render(int typeId, byte[] bytes) =>
        _formatter is not null && typeId != 0 ? _formatter.Format(typeId, bytes) : BtfValueFormatter.Hex(bytes);

    private static IEnumerable<byte[]> PerCpu(BpfMap map, byte[] value)
    {
        int stride = (map.ValueSize + 7) / 8 * 8;
        for (int offset = 0; offset + map.ValueSize <= value.Length; offset += stride)
            yield return value.AsSpan(offset, map.ValueSize).ToArray();
    }
}
