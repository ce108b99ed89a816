using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Runtime.Loading;

/// <summary>
/// Reads BTF-defined maps from the <c>.maps</c> DATASEC: one variable per map, whose struct members encode
/// the map's type, sizes and flags as libbpf's <c>__uint</c>/<c>__type</c>/<c>__array</c> macros lay them
/// out (libbpf: src/libbpf.c, parse_btf_map_def). Unknown members are errors, as in libbpf's strict mode.
/// </summary>
internal sealed class MapDefinitionParser(BtfSection btf, ElfFile elf, IReadOnlyList<ElfSymbol> symbols, int mapsSectionIndex)
{
    private const int MaxInnerDepth = 1;

    public IEnumerable<MapSpec> Parse()
    {
        var section = elf.Sections[mapsSectionIndex];
        int datasecId = btf.FindId(".maps", BtfKind.DataSection);
        if (datasecId == 0)
            throw new ObjectFormatException("The object has a '.maps' section, but its BTF has no DATASEC '.maps' describing the maps.");
        var maps = new List<MapSpec>();
        foreach (var info in btf.Get<BtfDataSection>(datasecId, ".maps").Variables)
        {
            var variable = btf.Get<BtfVariable>(info.TypeId, "DATASEC '.maps'");
            if (variable.Linkage is not (BtfVariableLinkage.Global or BtfVariableLinkage.Static))
                throw new ObjectFormatException($"Map '{variable.Name}' has {variable.Linkage} linkage; maps must be global or static variables.");
            if ((ulong)info.Offset + info.Size > section.Size)
                throw new ObjectFormatException($"Map '{variable.Name}' (offset {info.Offset}, {info.Size} bytes) lies outside the {section.Size}-byte '.maps' section.");
            var parsed = ParseDefinition(variable.Name, variable.TypeId, depth: 0);
            if (parsed.StructSize > info.Size)
                throw new ObjectFormatException($"Map '{variable.Name}': its definition is {parsed.StructSize} bytes, larger than its {info.Size}-byte variable.");
            maps.Add(new MapSpec(variable.Name, parsed.Definition, ".maps", (int)info.Offset)
            {
                Pinning = parsed.Pinning,
                ValuesMemberOffset = parsed.ValuesOffset,
                DefinitionSize = (int)info.Size,
            });
        }
        return maps;
    }

    private sealed record ParsedDefinition(MapDefinition Definition, MapPinning Pinning, int ValuesOffset, uint StructSize);

    private ParsedDefinition ParseDefinition(string name, int typeId, int depth)
    {
        var definitionType = btf.Get(btf.SkipModifiers(typeId)) as BtfStruct
            ?? throw new ObjectFormatException($"Map '{name}' is not a struct in BTF; define maps with libbpf's __uint/__type macros.");
        BpfMapType? type = null;
        uint keySize = 0, valueSize = 0, maxEntries = 0, flags = 0, numaNode = 0;
        int keyTypeId = 0, valueTypeId = 0, valuesOffset = -1;
        ulong mapExtra = 0;
        var pinning = MapPinning.None;
        MapDefinition? inner = null;

        for (int m = 0; m < definitionType.Members.Count; m++)
        {
            var member = definitionType.Members[m];
            switch (member.Name)
            {
                case "type": type = (BpfMapType)EncodedNumber(name, member); break;
                case "max_entries": maxEntries = EncodedNumber(name, member); break;
                case "map_flags": flags = EncodedNumber(name, member); break;
                case "numa_node": numaNode = EncodedNumber(name, member); break;
                case "key_size": keySize = Agree(keySize, EncodedNumber(name, member), name, "key"); break;
                case "value_size": valueSize = Agree(valueSize, EncodedNumber(name, member), name, "value"); break;
                case "key":
                    keyTypeId = PointerTarget(name, member);
                    keySize = Agree(keySize, Size(keyTypeId, name, member), name, "key");
                    break;
                case "value":
                    valueTypeId = PointerTarget(name, member);
                    valueSize = Agree(valueSize, Size(valueTypeId, name, member), name, "value");
                    break;
                case "pinning":
                    uint pin = EncodedNumber(name, member);
                    pinning = pin <= 1 ? (MapPinning)pin : throw new ObjectFormatException($"Map '{name}' has pinning {pin}; only 0 (none) and 1 (by name) exist.");
                    break;
                case "map_extra": mapExtra = MapExtra(name, member); break;
                case "values":
                    if (m != definitionType.Members.Count - 1)
                        throw new ObjectFormatException($"Map '{name}': 'values' must be the last field of the definition.");
                    inner = Values(name, member, type, depth);
                    valuesOffset = (int)(member.BitOffset / 8);
                    valueSize = Agree(valueSize, 4, name, "value");
                    break;
                default:
                    throw new ObjectFormatException($"Map '{name}' has an unknown field '{member.Name}'; known fields are type, key, value, key_size, value_size, max_entries, map_flags, numa_node, pinning, map_extra, values.");
            }
        }
        if (type is null)
            throw new ObjectFormatException($"Map '{name}' does not say its type (the 'type' field is missing).");
        var definition = new MapDefinition(name, type.Value, (int)keySize, (int)valueSize, (int)maxEntries, (BpfMapFlags)flags)
        {
            BtfKeyTypeId = keyTypeId,
            BtfValueTypeId = valueTypeId,
            NumaNode = (int)numaNode,
            MapExtra = mapExtra,
            InnerMap = inner,
        };
        return new ParsedDefinition(definition, pinning, valuesOffset, definitionType.Size);
    }

    /// <summary>The inner map's definition for maps of maps; nothing for program arrays.</summary>
    private MapDefinition? Values(string name, BtfMember member, BpfMapType? outerType, int depth)
    {
        string field = $"map '{name}' field 'values'";
        var array = btf.Get(btf.SkipModifiers(member.TypeId)) as BtfArray
            ?? throw new ObjectFormatException($"The {field} must be an array of pointers (libbpf's __array macro).");
        var pointer = btf.Get(btf.SkipModifiers(array.ElementTypeId)) as BtfPointer
            ?? throw new ObjectFormatException($"The {field} must be an array of pointers (libbpf's __array macro).");
        var target = btf.Get(btf.SkipModifiers(pointer.TypeId));
        if (outerType == BpfMapType.ProgramArray)
            return target is BtfFunctionProto ? null : throw new ObjectFormatException($"The {field} of a program array must point to a function prototype.");
        if (outerType is not (BpfMapType.ArrayOfMaps or BpfMapType.HashOfMaps))
            throw new ObjectFormatException($"Map '{name}' has 'values' but is a {outerType}; only program arrays and maps of maps take it (put 'type' first).");
        if (depth >= MaxInnerDepth)
            throw new ObjectFormatException($"Map '{name}' nests maps of maps; only one level is supported.");
        return ParseDefinition(name + ".inner", pointer.TypeId, depth + 1).Definition;
    }

    /// <summary>libbpf's __uint(name, value) is <c>int (*name)[value]</c>: the number is the array length.</summary>
    private uint EncodedNumber(string name, BtfMember member)
    {
        var pointer = btf.Get(btf.SkipModifiers(member.TypeId)) as BtfPointer
            ?? throw new ObjectFormatException($"The {Field(name, member)} must be a pointer to an array whose length is the value (libbpf's __uint macro).");
        var array = btf.Get(btf.SkipModifiers(pointer.TypeId)) as BtfArray
            ?? throw new ObjectFormatException($"The {Field(name, member)} must be a pointer to an array whose length is the value (libbpf's __uint macro).");
        return array.Count;
    }

    private int PointerTarget(string name, BtfMember member) =>
        btf.Get(btf.SkipModifiers(member.TypeId)) is BtfPointer pointer
            ? pointer.TypeId
            : throw new ObjectFormatException($"The {Field(name, member)} must be a pointer to the type (libbpf's __type macro).");

    private uint Size(int typeId, string name, BtfMember member)
    {
        ulong size = btf.ResolveSize(typeId);
        return size is > 0 and <= uint.MaxValue ? (uint)size : throw new ObjectFormatException($"The {Field(name, member)} type has an invalid size {size}.");
    }

    private ulong MapExtra(string name, BtfMember member) => btf.Get(btf.SkipModifiers(member.TypeId)) switch
    {
        BtfEnum { Values.Count: 1 } enumeration => (ulong)enumeration.Values[0].Value,
        BtfPointer => EncodedNumber(name, member),
        _ => throw new ObjectFormatException($"The {Field(name, member)} must be __uint or __ulong (an enum with one value)."),
    };

    /// <summary>The size given for the map's <paramref name="part"/> ("key" or "value"), which a second mention must repeat.</summary>
    private static uint Agree(uint existing, uint value, string name, string part) =>
        existing == 0 || existing == value ? value : throw new ObjectFormatException($"The map '{name}' {part} size is given twice, as {existing} and {value}.");

    /// <summary>How messages name a member of a map definition; built only for an error.</summary>
    private static string Field(string name, BtfMember member) => $"map '{name}' field '{member.Name}'";

    /// <summary>
    /// <c>.rel.maps</c>: entries of a program array's or map-of-maps' <c>values</c> array point at the programs
    /// or inner maps to install after loading (libbpf: bpf_object__collect_map_relos).
    /// </summary>
    public void ApplyMapRelocations(IReadOnlyList<MapSpec> maps, IReadOnlyList<ElfRelocation> relocations, IReadOnlyList<FunctionSpec> functions)
    {
        foreach (var relocation in relocations)
        {
            if (relocation.SymbolIndex >= symbols.Count)
                throw new ObjectFormatException($"A .rel.maps entry names symbol #{relocation.SymbolIndex}, but the symbol table has {symbols.Count}.");
            var symbol = symbols[(int)relocation.SymbolIndex];
            var map = maps.FirstOrDefault(m => m.SectionName == ".maps" && (ulong)m.SectionOffset <= relocation.Offset
                    && relocation.Offset < (ulong)(m.SectionOffset + m.DefinitionSize))
                ?? throw new ObjectFormatException($"A .rel.maps entry at offset {relocation.Offset} is inside no map.");
            long slot = ((long)relocation.Offset - map.SectionOffset - map.ValuesMemberOffset) / 8;
            if (map.ValuesMemberOffset < 0 || slot < 0 || slot >= map.Definition.MaxEntries)
                throw new ObjectFormatException($"Map '{map.Name}': a .rel.maps entry at offset {relocation.Offset} is outside its 'values' array.");
            if (map.Definition.Type == BpfMapType.ProgramArray)
            {
                var program = functions.FirstOrDefault(f => f.Name == symbol.Name && f.SectionName != ".text")
                    ?? throw new ObjectFormatException($"Program array '{map.Name}' slot {slot} names '{symbol.Name}', which is no entry program of this object.");
                map._initialPrograms[(int)slot] = program.Name;
            }
            else
            {
                var inner = maps.FirstOrDefault(m => m.SectionName == ".maps" && m.Name == symbol.Name)
                    ?? throw new ObjectFormatException($"Map '{map.Name}' slot {slot} names '{symbol.Name}', which is no map of this object.");
                map._initialInnerMaps[(int)slot] = inner.Name;
            }
        }
    }
}
