using System.CommandLine;
using System.Text.Json;
using EbpfSharp.Runtime;

namespace EbpfSharp.Cli.Commands;

/// <summary>
/// <c>ebpfsharp load &lt;object.o&gt; --pin &lt;dir&gt;</c>: load an object and pin its programs at <c>&lt;dir&gt;/&lt;program&gt;</c>
/// and its maps at <c>&lt;dir&gt;/maps/&lt;map&gt;</c> (see <see cref="BpfObject.Pin"/>), so they outlive the command.
/// </summary>
internal static class LoadCommand
{
    public static Command Create(TextWriter output)
    {
        var file = CommonOptions.ObjectFile();
        var pin = new Option<DirectoryInfo>("--pin") { Description = "A directory on a bpf file system (under /sys/fs/bpf).", Required = true };
        var json = CommonOptions.Json();
        var verifierLog = CommonOptions.VerifierLog();
        var command = new Command("load", "Load an object into the kernel and pin its programs and maps.") { file, pin, json, verifierLog };
        command.SetAction(result =>
        {
            string path = CommonOptions.Existing(result.GetRequiredValue(file));
            string directory = result.GetRequiredValue(pin).FullName;
            using var loaded = BpfObject.Load(path);
            var pinned = loaded.Pin(directory);
            if (result.GetValue(json))
            {
                CommonOptions.WriteJson(output, writer => WriteJson(writer, loaded, pinned));
            }
            else
            {
                output.WriteLine($"loaded {loaded.Spec.Name}: {loaded.Programs.Count} program(s), {loaded.Maps.Count} map(s)");
                foreach (var (kind, name, pinPath) in pinned)
                    output.WriteLine($"  pinned {kind} {name} at {pinPath}");
            }
            return 0;
        });
        return command;
    }

    private static void WriteJson(Utf8JsonWriter writer, BpfObject loaded, IReadOnlyList<PinnedObject> pinned)
    {
        writer.WriteStartObject();
        writer.WriteString("object", loaded.Spec.Name);
        foreach (var kind in new[] { "program", "map" })
        {
            writer.WriteStartArray(kind + "s");
            foreach (var (_, name, path) in pinned.Where(p => p.Kind == kind))
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("pinned", path);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
