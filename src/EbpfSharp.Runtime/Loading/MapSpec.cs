using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A map an object declares: a BTF-defined map from <c>.maps</c>, or the single-entry array libbpf makes of
/// a <c>.data</c>, <c>.rodata</c> or <c>.bss</c> section. Before loading, <see cref="InitialValue"/> of a
/// data map can be changed, which is how read-only configuration (<c>.rodata</c>) is set.
/// </summary>
public sealed class MapSpec
{
    internal MapSpec(string name, MapDefinition definition, string sectionName, int sectionOffset)
    {
        Name = name;
        Definition = definition;
        SectionName = sectionName;
        SectionOffset = sectionOffset;
    }

    /// <summary>
    /// The map's name: the variable name, or for data maps libbpf's name, up to 8 characters of the object
    /// name then the section (<c>global_d.rodata</c>), at most 15 in all.
    /// </summary>
    public string Name { get; }

    /// <summary>What BPF_MAP_CREATE receives.</summary>
    public MapDefinition Definition { get; set; }

    /// <summary>The ELF section the map comes from (<c>.maps</c>, <c>.data</c>, …).</summary>
    public string SectionName { get; }

    /// <summary>The map's offset in its section (what relocations name).</summary>
    internal int SectionOffset { get; }

    /// <summary>Whether this is a data map made from a global-data section.</summary>
    public bool IsGlobalData => SectionName != ".maps";

    /// <summary>Whether this is the read-only data map (<c>.rodata</c>), frozen after its value is written.</summary>
    public bool IsReadOnly => Definition.Flags.HasFlag(Object.BpfMapFlags.ReadOnlyProgram);

    /// <summary>For data maps, the initial value written before programs load; change it to configure <c>.rodata</c>.</summary>
    public byte[]? InitialValue { get; set; }

    /// <summary>Pinning by name, from the map definition.</summary>
    public MapPinning Pinning { get; set; }

    /// <summary>For data maps, the variables inside the value.</summary>
    public IReadOnlyList<GlobalVariableSpec> Variables { get; internal set; } = [];

    /// <summary>For program arrays: program names to put at each index after loading (from <c>.rel.maps</c>).</summary>
    public IReadOnlyDictionary<int, string> InitialPrograms => _initialPrograms;

    /// <summary>For maps of maps: inner map names to put at each index after creation (from <c>.rel.maps</c>).</summary>
    public IReadOnlyDictionary<int, string> InitialInnerMaps => _initialInnerMaps;

    /// <summary>Byte offset of the <c>values</c> member in the map's definition, or -1 when it has none.</summary>
    internal int ValuesMemberOffset { get; init; } = -1;

    /// <summary>Byte size of the map's definition in <c>.maps</c>.</summary>
    internal int DefinitionSize { get; init; }

    internal readonly Dictionary<int, string> _initialPrograms = new();
    internal readonly Dictionary<int, string> _initialInnerMaps = new();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Definition.Type}, key {Definition.KeySize} B, value {Definition.ValueSize} B, {Definition.MaxEntries} entries)";
}
