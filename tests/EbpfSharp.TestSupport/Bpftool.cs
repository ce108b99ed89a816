using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EbpfSharp.TestSupport;

/// <summary>
/// Drives bpftool (libbpf) as the reference loader: load an object and pin it in a private bpf filesystem,
/// test-run a pinned program, dump a pinned map. What it reports is compared with EbpfSharp's own runtime.
/// </summary>
public sealed partial class Bpftool : IDisposable
{
    private readonly TemporaryBpfFileSystem _fileSystem = new();

    /// <summary>Loads every program of <paramref name="objectPath"/> with libbpf and pins programs and maps.</summary>
    public static Bpftool LoadAll(string objectPath)
    {
        var bpftool = new Bpftool();
        try
        {
            Tools.RunChecked("bpftool", "prog", "loadall", objectPath, bpftool.ProgramDirectory, "pinmaps", bpftool.MapDirectory);
            return bpftool;
        }
        catch
        {
            bpftool.Dispose();
            throw;
        }
    }

    private string ProgramDirectory => _fileSystem.PathOf("programs");

    private string MapDirectory => _fileSystem.PathOf("maps");

    /// <summary>The pin of program <paramref name="program"/>, to open it with another loader.</summary>
    public string ProgramPath(string program) => Path.Combine(ProgramDirectory, program);

    /// <summary>The pinned programs' names.</summary>
    public IEnumerable<string> Programs => Directory.EnumerateFiles(ProgramDirectory).Select(Path.GetFileName).OfType<string>();

    /// <summary>
    /// Runs a pinned program once on <paramref name="packet"/>, on <paramref name="cpu"/> (through taskset) when
    /// given; returns libbpf's return value and output packet.
    /// </summary>
    public (uint ReturnValue, byte[] DataOut) Run(string program, byte[] packet, int? cpu = null)
    {
        string input = Path.GetTempFileName();
        string output = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(input, packet);
            string[] run = ["bpftool", "prog", "run", "pinned", Path.Combine(ProgramDirectory, program),
                "data_in", input, "data_out", output, "data_size_out", (packet.Length + 4096).ToString(CultureInfo.InvariantCulture)];
            string text = cpu is { } onCpu
                ? Tools.RunChecked("taskset", ["-c", onCpu.ToString(CultureInfo.InvariantCulture), .. run])
                : Tools.RunChecked(run[0], run[1..]);
            var match = ReturnValue().Match(text);
            if (!match.Success)
                throw new InvalidOperationException($"bpftool prog run printed no return value: {text}");
            return (uint.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), File.ReadAllBytes(output));
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>
    /// Every entry of a pinned map as raw bytes; per-CPU values are concatenated per CPU, each slot padded to
    /// 8 bytes as the kernel returns them. libbpf pins maps under their name with '.' replaced by '_'.
    /// </summary>
    public List<(byte[] Key, byte[] Value)> DumpMap(string mapName)
    {
        using var document = JsonDocument.Parse(Tools.RunChecked("bpftool", "-j", "map", "dump", "pinned", MapPath(mapName)));
        var entries = new List<(byte[], byte[])>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            byte[] key = Bytes(entry.GetProperty("key"));
            if (entry.TryGetProperty("value", out var value))
            {
                entries.Add((key, Bytes(value)));
                continue;
            }
            var perCpu = new List<byte>();
            foreach (var cpu in entry.GetProperty("values").EnumerateArray())
            {
                var bytes = Bytes(cpu.GetProperty("value"));
                perCpu.AddRange(bytes);
                perCpu.AddRange(new byte[(8 - bytes.Length % 8) % 8]);
            }
            entries.Add((key, perCpu.ToArray()));
        }
        return entries;
    }

    /// <summary>
    /// <c>bpftool map dump</c>'s own output for a pinned map: with BTF, keys and values print as structs with
    /// their field names.
    /// </summary>
    public string DumpMapFormatted(string mapName) => Tools.RunChecked("bpftool", "map", "dump", "pinned", MapPath(mapName));

    /// <summary>Where libbpf pinned a map: under its name with '.' replaced by '_'.</summary>
    public string MapPath(string mapName) => Path.Combine(MapDirectory, mapName.Replace('.', '_'));

    /// <summary>The names of the maps libbpf pinned (with '.' as '_').</summary>
    public IEnumerable<string> PinnedMaps => Directory.EnumerateFiles(MapDirectory).Select(Path.GetFileName).OfType<string>();

    private static byte[] Bytes(JsonElement hexArray) =>
        hexArray.EnumerateArray().Select(b => Convert.ToByte(b.GetString()!, 16)).ToArray();

    /// <summary>Unmounts the private filesystem, which drops the pinned programs and maps.</summary>
    public void Dispose() => _fileSystem.Dispose();

    [GeneratedRegex(@"Return value: (\d+)")]
    private static partial Regex ReturnValue();
}
