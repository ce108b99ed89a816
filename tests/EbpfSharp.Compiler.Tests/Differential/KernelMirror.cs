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
        foreach (string name in corpusClass.Maps.Keys)
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
                    PushInPopOrder(kernel, managed.Kind, Values(managed));
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
        {
            using var programs = new ProgramArrayView(_kernelMaps[slot.ProgramArray]);
            programs[slot.Slot] = _programOf(slot.Program.Name);
        }
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
                MapKind.Queue or MapKind.Stack => MapContents.CompareValues(name, Values(managed), DrainAndRestore(kernel, managed.Kind)),
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

    /// <summary>What the CLR side holds now, one line per map and global, for the test output.</summary>
    public string Summary() =>
        string.Join("\n", _class.Maps.Select(map => $"map {map.Key} ({map.Value.Kind}): {map.Value.ContentBytes().Count} entries on the CLR")
            .Concat(_globals.Select(global => $"global {global.Field.Name} ({global.Variable.MapName}): {Convert.ToHexString(global.Field.Read())}")));

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

    private static List<byte[]> DrainAndRestore(BpfMap kernel, MapKind kind)
    {
        var values = new List<byte[]>();
        var buffer = new byte[kernel.ValueSize];
        while (kernel.TryPop(buffer))
            values.Add(buffer.ToArray());
        PushInPopOrder(kernel, kind, values);
        return values;
    }

    /// <summary>Pushes values so that they pop in the given order: as given for a queue, reversed for a stack.</summary>
    private static void PushInPopOrder(BpfMap kernel, MapKind kind, IReadOnlyList<byte[]> popOrder)
    {
        foreach (var value in kind == MapKind.Stack ? popOrder.Reverse() : popOrder)
            kernel.Push(value);
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
