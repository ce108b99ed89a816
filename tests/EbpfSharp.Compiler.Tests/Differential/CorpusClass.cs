using System.Collections.Concurrent;
using System.Reflection;
using EbpfSharp.Corpus.Maps;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>
/// What a corpus class shares between its programs on the CLR: its maps (static fields of a <see cref="ProgramMap"/>
/// type) and its global data (other static fields), plus the conventions that prepare them like a host would: a
/// public static <c>Setup()</c> method that fills maps through their CLR methods, and
/// <see cref="ProgramArraySlotAttribute"/> on programs that belong in a program array's slot. Static state is
/// process-wide, so tests that run a class's programs on the CLR hold <see cref="Gate"/> and call <see cref="Reset"/>.
/// </summary>
public sealed class CorpusClass
{
    private static readonly ConcurrentDictionary<Type, CorpusClass> Classes = new();

    private CorpusClass(Type type)
    {
        Type = type;
        const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var fields = type.GetFields(statics);
        Maps = fields.Where(field => typeof(ProgramMap).IsAssignableFrom(field.FieldType))
            .ToDictionary(field => field.Name, field => (ProgramMap)field.GetValue(null)!);
        // Read before any program of the class runs: these are the initialisers' values.
        Globals = [.. fields.Where(GlobalField.IsGlobal).Select(field => new GlobalField(field))];
        Setup = type.GetMethod("Setup", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly, Type.EmptyTypes);
        Slots = [.. type.GetMethods(statics)
            .SelectMany(method => method.GetCustomAttributes<ProgramArraySlotAttribute>().Select(slot => new ProgramSlot(slot.ProgramArray, slot.Slot, method)))];
        foreach (var slot in Slots)
        {
            if (!Maps.TryGetValue(slot.ProgramArray, out var map) || map is not ProgramArray)
                throw new InvalidOperationException($"{type.Name}.{slot.Program.Name} names '{slot.ProgramArray}', which is no ProgramArray field of {type.Name}.");
        }
    }

    /// <summary>The class, inspected once per process (so its globals' initial values are captured before any run).</summary>
    public static CorpusClass For(Type type) => Classes.GetOrAdd(type, static t => new CorpusClass(t));

    public Type Type { get; }

    /// <summary>Held while a test runs the class's programs on the CLR.</summary>
    public object Gate { get; } = new();

    /// <summary>The map fields by name.</summary>
    public IReadOnlyDictionary<string, ProgramMap> Maps { get; }

    public IReadOnlyList<GlobalField> Globals { get; }

    /// <summary>The class's <c>Setup()</c>, or null.</summary>
    public MethodInfo? Setup { get; }

    public IReadOnlyList<ProgramSlot> Slots { get; }

    /// <summary>Empties every map, puts every global back to its initial value, then prepares the maps as a host would.</summary>
    public void Reset()
    {
        foreach (var map in Maps.Values)
            map.Clear();
        foreach (var global in Globals)
            global.Reset();
        Setup?.Invoke(null, null);
        foreach (var slot in Slots)
            ((ProgramArray)Maps[slot.ProgramArray]).Set(slot.Slot, slot.Program.CreateDelegate<Func<XdpContext, XdpAction>>());
    }

    /// <summary>A program that belongs in a program array's slot.</summary>
    public sealed record ProgramSlot(string ProgramArray, uint Slot, MethodInfo Program);
}
