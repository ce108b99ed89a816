using EbpfSharp.Runtime;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>
/// A corpus class's CLR state side by side with a freshly loaded kernel object of the same class: copies what
/// <see cref="CorpusClass.Reset"/> prepared into the kernel's maps, and lists every difference between the two
/// (map contents, pending events, global variables). Map and variable names in the object are the field names.
/// </summary>
public sealed class KernelMirror : IDisposable
{
    private readonly CorpusClass _class;
    private readonly BpfObject _loaded;
    private readonly Func<string, BpfProgram> _programOf;
    private readonly int _cpu;
    private readonly Dictionary<string, BpfMap> _kernelMaps = [];
    private readonly Dictionary<string, RingBufferReader> _ringBuffers = [];
    private readonly Dictionary<string, PerfEventReader> _perfBuffers = [];
    private readonly List<(GlobalField Field, GlobalVariableSpec Variable)> _globals = [];

    /// <param name="programOf">The loaded kernel program of a corpus method name.</param>
    /// <param name="cpu">The CPU the test is pinned to, where every perf event must come from.</param>
    public KernelMirror(CorpusClass corpusClass, BpfObject loaded, Func<string, BpfProgram> programOf, int cpu)
    {
        _class = corpusClass;
        _loaded = loaded;
        _programOf = programOf;
        _cpu = cpu;
        foreach (var (name, map) in corpusClass.Maps)
            _kernelMaps.Add(name, loaded.Map(KernelName(name)));
        var variables = loaded.Spec.Variables.ToDictionary(variable => variable.Name);
        foreach (var global in corpusClass.Globals)
        {
            if (!variables.TryGetValue(KernelName(global.Name), out var variable))
                throw new InvalidOperationException($"{corpusClass.Type.Name}.{global.Name} has no global variable in the object. Its variables: {string.Join(", ", variables.Keys)}.");
            _globals.Add((global, variable));
        }
    }

    /// <summary>The name of a field's map or variable in the object: the field name, with characters the kernel refuses as '_'.</summary>
    public static string KernelName(string field) =>
        string.Concat(field.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));

    /// <summary>
    /// Copies the CLR maps' contents into the kernel's (after <see cref="CorpusClass.Reset"/>): keyed maps and
    /// arrays entry by entry, queues and stacks in pop order, bloom filter values; each program array slot gets the
    /// kernel program of the method that <see cref="Corpus.Maps.ProgramArraySlotAttribute"/> names. Then opens the
    /// readers of ring buffers and perf event arrays.
    /// </summary>
    public void Populate()
    {
        foreach (var (name, managed) in _class.Maps)
        {
            var kernel = _kernelMaps[name];
            switch (managed.Kind)
            {
                case MapKind.Queue or MapKind.Stack or MapKind.BloomFilter:
                    var values = managed.ContentBytes().Select(entry => entry.Value);
                    foreach (var value in managed.Kind == MapKind.Stack ? values.Reverse() : values)
                        kernel.Push(value);
                    break;
                case MapKind.RingBuffer:
                    _ringBuffers.Add(name, new RingBufferReader(kernel));
                    break;
                case MapKind.PerfEventArray:
                    _perfBuffers.Add(name, new PerfEventReader(kernel));
                    break;
                case MapKind.ProgramArray or MapKind.StackTrace:
                    break;
                default:
                    foreach (var (key, value) in managed.ContentBytes())
                        kernel.Update(key, value);
                    break;
            }
        }
        foreach (var slot in _class.Slots)
            _kernelMaps[slot.ProgramArray].Update(BitConverter.GetBytes(slot.Slot), BitConverter.GetBytes(_programOf(slot.Program.Name).Handle.Value));
    }

    /// <summary>
    /// Every difference between the CLR and the kernel, one message each. Pending ring buffer and perf events are
    /// consumed on both sides; queues and stacks are drained in the kernel to compare them and pushed back.
    /// </summary>
    public List<string> Differences()
    {
        var differences = new List<string>();
        foreach (var (name, managed) in _class.Maps)
        {
            var kernel = _kernelMaps[name];
            string? difference = managed.Kind switch
            {
                MapKind.Queue or MapKind.Stack => MapContents.CompareValues(name, Values(managed), DrainAndRestore(kernel)),
                MapKind.BloomFilter => MissingFromBloomFilter(name, managed, kernel),
                MapKind.RingBuffer => MapContents.CompareValues(name, TakeValues(managed), Drain(_ringBuffers[name])),
                MapKind.PerfEventArray => ComparePerfEvents(name, managed),
                MapKind.ProgramArray or MapKind.StackTrace => null,
                MapKind.LpmTrie => MapContents.CompareEntries(name, managed.ContentBytes(), [.. kernel.Entries()]),
                _ => MapContents.CompareEntries(name, managed.ContentBytes(), kernel.LookupAll()),
            };
            if (difference is not null)
                differences.Add(difference);
        }
        CompareGlobals(differences);
        return differences;
    }

    private void CompareGlobals(List<string> differences)
    {
        var images = new Dictionary<string, byte[]>();
        foreach (var (field, variable) in _globals)
        {
            if (!images.TryGetValue(variable.MapName, out var image))
            {
                var map = _loaded.Map(variable.MapName);
                image = new byte[map.ValueSize];
                map.TryLookup(new byte[4], image);
                images.Add(variable.MapName, image);
            }
            byte[] clr = field.Read();
            byte[] kernel = image.AsSpan(variable.Offset, variable.Size).ToArray();
            if (!clr.AsSpan().SequenceEqual(kernel))
                differences.Add($"global '{field.Name}' ({variable.MapName}+{variable.Offset}): CLR {Convert.ToHexString(clr)}, kernel {Convert.ToHexString(kernel)}");
        }
    }

    private static List<byte[]> Values(ProgramMap managed) => [.. managed.ContentBytes().Select(entry => entry.Value)];

    private static List<byte[]> TakeValues(ProgramMap managed)
    {
        var values = Values(managed);
        managed.Clear();
        return values;
    }

    private static List<byte[]> DrainAndRestore(BpfMap kernel)
    {
        var values = new List<byte[]>();
        var buffer = new byte[kernel.ValueSize];
        while (kernel.TryPop(buffer))
            values.Add(buffer.ToArray());
        // Pushing back in pop order restores a queue; a stack needs the reverse.
        foreach (var value in kernel.Type == Object.BpfMapType.Stack ? Enumerable.Reverse(values) : values)
            kernel.Push(value);
        return values;
    }

    private static List<byte[]> Drain(RingBufferReader reader)
    {
        var records = new List<byte[]>();
        while (reader.TryRead(out byte[]? record))
            records.Add(record!);
        return records;
    }

    private static string? MissingFromBloomFilter(string name, ProgramMap managed, BpfMap kernel)
    {
        var missing = Values(managed).Where(value => !kernel.Contains(value)).ToList();
        return missing.Count == 0
            ? null
            : $"bloom filter '{name}': {missing.Count} values the CLR added are not in the kernel's: {string.Join(" ", missing.Take(32).Select(Convert.ToHexString))}";
    }

    private string? ComparePerfEvents(string name, ProgramMap managed)
    {
        var reader = _perfBuffers[name];
        var expected = TakeValues(managed);
        var records = new List<byte[]>();
        var cpus = new List<int>();
        while (reader.TryRead(out byte[]? record, out int cpu))
        {
            records.Add(record!);
            cpus.Add(cpu);
        }
        if (reader.LostCount != 0)
            return $"perf event array '{name}': the kernel lost {reader.LostCount} records";
        if (cpus.Any(cpu => cpu != _cpu))
            return $"perf event array '{name}': records came from CPUs {string.Join(", ", cpus)}, but the test runs on CPU {_cpu}";
        return MapContents.CompareValues(name, expected, [.. records.Select((record, i) => WithoutPerfPadding(record, i < expected.Count ? expected[i].Length : record.Length))]);
    }

    // A perf sample's raw data is padded so that it and its 4-byte size fill whole 8-byte words
    // (kernel: kernel/events/core.c, perf_prepare_sample); a reader may hand the padding out.
    private static byte[] WithoutPerfPadding(byte[] record, int expectedLength) =>
        record.Length > expectedLength && (expectedLength + 4 + 7) / 8 * 8 - 4 == record.Length ? record[..expectedLength] : record;

    public void Dispose()
    {
        foreach (var reader in _ringBuffers.Values)
            reader.Dispose();
        foreach (var reader in _perfBuffers.Values)
            reader.Dispose();
    }
}
