using System.Numerics;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime.Loading;

/// <summary>Creates an object's maps as libbpf would, and fills them once the programs are loaded.</summary>
internal static class MapCreation
{
    /// <summary>Map types whose key/value BTF types libbpf leaves out of BPF_MAP_CREATE (libbpf: bpf_object__create_map).</summary>
    private static readonly HashSet<BpfMapType> UntypedMaps =
    [
        BpfMapType.PerfEventArray, BpfMapType.ProgramArray, BpfMapType.ArrayOfMaps, BpfMapType.HashOfMaps,
        BpfMapType.DevMap, BpfMapType.DevMapHash, BpfMapType.CpuMap, BpfMapType.XskMap, BpfMapType.SockMap,
        BpfMapType.SockHash, BpfMapType.Queue, BpfMapType.Stack, BpfMapType.BloomFilter, BpfMapType.RingBuffer,
        BpfMapType.UserRingBuffer, BpfMapType.CgroupArray, BpfMapType.Arena,
    ];

    /// <summary>
    /// Creates (or, for maps pinned by name, reuses) the map and writes a data map's initial value.
    /// <paramref name="newPin"/> is the path this call pinned the map at, which a failed load must remove.
    /// </summary>
    public static BpfMap Create(MapSpec spec, BtfObject? btf, string pinRoot, out string? newPin)
    {
        newPin = null;
        var definition = Adjust(spec.Definition, btf is not null);
        if (spec.Pinning == MapPinning.ByName)
        {
            string path = Path.Combine(pinRoot, Interop.ObjectPaths.SafeName(spec.Name));
            if (File.Exists(path))
                return Reuse(spec, definition, path);
        }
        var map = BpfMap.Create(definition, btf);
        try
        {
            if (spec.IsGlobalData && spec.InitialValue is { } value)
            {
                if (value.Length != definition.ValueSize)
                    throw new InvalidOperationException($"The initial value of '{spec.Name}' is {value.Length} bytes; the map's value is {definition.ValueSize}.");
                map.Update(stackalloc byte[4], value);
                if (spec.IsReadOnly)
                    map.Freeze();
            }
            if (spec.Pinning == MapPinning.ByName)
            {
                newPin = Path.Combine(pinRoot, Interop.ObjectPaths.SafeName(spec.Name));
                map.Pin(newPin);
            }
            return map;
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    private static BpfMap Reuse(MapSpec spec, MapDefinition definition, string path)
    {
        var map = BpfMap.OpenPinned(path);
        if (map.Type != definition.Type || map.KeySize != definition.KeySize || map.ValueSize != definition.ValueSize
            || map.MaxEntries != definition.MaxEntries || (map.Flags & ~BpfMapFlags.Mmapable) != (definition.Flags & ~BpfMapFlags.Mmapable))
        {
            map.Dispose();
            throw new BpfConflictException(
                $"Map '{spec.Name}' is pinned by name at '{path}', but the pinned map ({map}) does not match this object's definition "
                + $"({definition.Type}, key {definition.KeySize} B, value {definition.ValueSize} B, {definition.MaxEntries} entries). Remove the pin or rename the map.", 0);
        }
        return map;
    }

    /// <summary>libbpf's adjustments: default sizes that depend on the machine, and BTF ids the kernel refuses.</summary>
    private static MapDefinition Adjust(MapDefinition definition, bool haveBtf)
    {
        if (definition.Type == BpfMapType.PerfEventArray && definition.MaxEntries == 0)
            definition = definition with { MaxEntries = BpfMap.PossibleCpuCount };
        if (definition.Type is BpfMapType.RingBuffer or BpfMapType.UserRingBuffer)
        {
            // The ring must be a power-of-two number of pages (libbpf: adjust_ringbuf_sz).
            long pageSize = Environment.SystemPageSize;
            long size = Math.Max(definition.MaxEntries, pageSize);
            definition = definition with { MaxEntries = (int)Math.Min(BitOperations.RoundUpToPowerOf2((ulong)size), int.MaxValue / 2 + 1) };
        }
        if (!haveBtf || UntypedMaps.Contains(definition.Type))
            definition = definition with { BtfKeyTypeId = 0, BtfValueTypeId = 0 };
        if (definition.InnerMap is { } inner)
            definition = definition with { InnerMap = inner with { BtfKeyTypeId = 0, BtfValueTypeId = 0 } };
        return definition;
    }

    /// <summary>After the programs load: fill program arrays and maps of maps declared with initial slots.</summary>
    public static void Populate(ObjectSpec spec, Dictionary<string, BpfMap> maps, Dictionary<string, BpfProgram> programs)
    {
        Span<byte> key = stackalloc byte[4];
        Span<byte> value = stackalloc byte[4];
        foreach (var mapSpec in spec.Maps)
        {
            foreach (var (slot, programName) in mapSpec.InitialPrograms)
            {
                if (!programs.TryGetValue(programName, out var program))
                    continue;   // not loaded (autoload off): libbpf leaves the slot empty too
                BitConverter.TryWriteBytes(key, slot);
                BitConverter.TryWriteBytes(value, program.Handle.Value);
                maps[mapSpec.Name].Update(key, value);
            }
            foreach (var (slot, innerName) in mapSpec.InitialInnerMaps)
            {
                BitConverter.TryWriteBytes(key, slot);
                BitConverter.TryWriteBytes(value, maps[innerName].Handle.Value);
                maps[mapSpec.Name].Update(key, value);
            }
        }
    }
}
