using System.CommandLine;
using System.Text.Json;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime;

namespace EbpfSharp.Cli.Commands;

/// <summary><c>ebpfsharp info &lt;object.o&gt; [--json]</c>: programs, maps, global variables and a BTF summary, without loading.</summary>
internal static class InfoCommand
{
    public static Command Create(TextWriter output)
    {
        var file = CommonOptions.ObjectFile();
        var json = CommonOptions.Json();
        var command = new Command("info", "Show an object's programs (name, section, type, instructions), maps and BTF.") { file, json };
        command.SetAction(result =>
        {
            var spec = ObjectSpec.ReadFile(CommonOptions.Existing(result.GetRequiredValue(file)));
            if (result.GetValue(json))
                CommonOptions.WriteJson(output, writer => WriteJson(writer, spec));
            else
                WriteText(output, spec);
            return 0;
        });
        return command;
    }

    private static void WriteText(TextWriter output, ObjectSpec spec)
    {
        output.WriteLine($"object  {spec.Name}");
        output.WriteLine($"license {(spec.License.Length > 0 ? spec.License : "(none)")}");
        output.WriteLine();
        output.WriteLine("programs");
        var programRows = spec.Programs.Select(p => new[] { p.Name, p.SectionName, p.Type.ToString(), p.Instructions.Sum(i => i.Slots).ToString(), p.AttachTarget });
        Table.Write(output, ["name", "section", "type", "insns", "attach target"], programRows);
        output.WriteLine();
        output.WriteLine("maps");
        var mapRows = spec.Maps.Select(m => new[]
        {
            m.Name, m.Definition.Type.ToString(), m.Definition.KeySize.ToString(), m.Definition.ValueSize.ToString(),
            m.Definition.MaxEntries.ToString(), m.Definition.Flags == 0 ? "" : m.Definition.Flags.ToString(),
        });
        Table.Write(output, ["name", "type", "key", "value", "max entries", "flags"], mapRows);
        var variables = spec.Variables.ToList();
        if (variables.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("global variables");
            Table.Write(output, ["name", "map", "offset", "size"], variables.Select(v => new[] { v.Name, v.MapName, v.Offset.ToString(), v.Size.ToString() }));
        }
        output.WriteLine();
        output.WriteLine($"btf     {BtfSummary(spec)}");
        foreach (var warning in spec.Warnings)
            output.WriteLine($"warning {warning}");
    }

    private static string BtfSummary(ObjectSpec spec)
    {
        if (spec.Btf is null)
            return "none";
        var kinds = spec.Btf.Types.GroupBy(type => type.Kind).OrderBy(group => group.Key).Select(group => $"{group.Count()} {group.Key}");
        string ext = spec.BtfExt is null
            ? "no .BTF.ext"
            : $".BTF.ext: {spec.BtfExt.FunctionInfos.Sum(s => s.Records.Count)} func_info, {spec.BtfExt.LineInfos.Sum(s => s.Records.Count)} line_info, {spec.BtfExt.CoreRelocations.Sum(s => s.Records.Count)} CO-RE relocations";
        return $"{spec.Btf.Types.Count} types ({string.Join(", ", kinds)}); {ext}";
    }

    private static void WriteJson(Utf8JsonWriter writer, ObjectSpec spec)
    {
        writer.WriteStartObject();
        writer.WriteString("object", spec.Name);
        writer.WriteString("license", spec.License);
        writer.WriteStartArray("programs");
        foreach (var program in spec.Programs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", program.Name);
            writer.WriteString("section", program.SectionName);
            writer.WriteString("type", program.Type.ToString());
            writer.WriteNumber("insns", program.Instructions.Sum(i => i.Slots));
            writer.WriteString("attach_target", program.AttachTarget);
            writer.WriteBoolean("autoload", program.Autoload);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("maps");
        foreach (var map in spec.Maps)
        {
            writer.WriteStartObject();
            writer.WriteString("name", map.Name);
            writer.WriteString("type", map.Definition.Type.ToString());
            writer.WriteNumber("key_size", map.Definition.KeySize);
            writer.WriteNumber("value_size", map.Definition.ValueSize);
            writer.WriteNumber("max_entries", map.Definition.MaxEntries);
            writer.WriteNumber("flags", (uint)map.Definition.Flags);
            writer.WriteString("section", map.SectionName);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("variables");
        foreach (var variable in spec.Variables)
        {
            writer.WriteStartObject();
            writer.WriteString("name", variable.Name);
            writer.WriteString("map", variable.MapName);
            writer.WriteNumber("offset", variable.Offset);
            writer.WriteNumber("size", variable.Size);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("btf");
        writer.WriteNumber("types", spec.Btf?.Types.Count ?? 0);
        writer.WriteNumber("func_info", spec.BtfExt?.FunctionInfos.Sum(s => s.Records.Count) ?? 0);
        writer.WriteNumber("line_info", spec.BtfExt?.LineInfos.Sum(s => s.Records.Count) ?? 0);
        writer.WriteNumber("core_relocations", spec.BtfExt?.CoreRelocations.Sum(s => s.Records.Count) ?? 0);
        writer.WriteEndObject();
        writer.WriteStartArray("warnings");
        foreach (var warning in spec.Warnings)
            writer.WriteStringValue(warning);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
