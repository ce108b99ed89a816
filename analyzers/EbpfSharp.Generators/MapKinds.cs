using System.Collections.Generic;
using EbpfSharp.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EbpfSharp.Generators;

/// <summary>
/// The program-side map classes (src/EbpfSharp/Maps), by metadata name in namespace <c>EbpfSharp</c>, and the
/// host-side type each gets in the generated <c>Loaded</c> class.
/// </summary>
internal static class MapKinds
{
    private static readonly Dictionary<string, MapViewKind> ViewsByMetadataName = new()
    {
        ["HashMap`2"] = MapViewKind.Map,
        ["LruHashMap`2"] = MapViewKind.Map,
        ["LpmTrie`2"] = MapViewKind.Map,
        ["ArrayMap`1"] = MapViewKind.Map,
        ["PerCpuHashMap`2"] = MapViewKind.PerCpuMap,
        ["LruPerCpuHashMap`2"] = MapViewKind.PerCpuMap,
        ["PerCpuArrayMap`1"] = MapViewKind.PerCpuMap,
        ["QueueMap`1"] = MapViewKind.Queue,
        ["StackMap`1"] = MapViewKind.Queue,
        ["BloomFilter`1"] = MapViewKind.BloomFilter,
        ["ProgramArray"] = MapViewKind.ProgramArray,
        ["StackTraceMap"] = MapViewKind.StackTrace,
        ["RingBuffer`1"] = MapViewKind.RingBufferReader,
        ["PerfEventArray`1"] = MapViewKind.PerfEventReader,
    };

    /// <summary>The view of a map class, or null when <paramref name="type"/> is not one.</summary>
    public static MapViewKind? ViewOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named)
            return null;
        var definition = named.OriginalDefinition;
        if (definition.ContainingType is not null || definition.ContainingNamespace is not { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true })
            return null;
        return ViewsByMetadataName.TryGetValue(definition.MetadataName, out var view) ? view : null;
    }

    /// <summary>
    /// The view's key and value types for a map's type arguments: arrays are keyed by <c>uint</c>; queues, stacks,
    /// Bloom filters and the readers have one type; program arrays and stack trace maps none.
    /// </summary>
    public static IReadOnlyList<ITypeSymbol> ViewTypeArguments(MapViewKind view, INamedTypeSymbol mapType, Compilation compilation)
    {
        var arguments = mapType.TypeArguments;
        return arguments.Length == 1 && view is MapViewKind.Map or MapViewKind.PerCpuMap
            ? [compilation.GetSpecialType(SpecialType.System_UInt32), arguments[0]]
            : arguments;
    }

    /// <summary>The view's generic type name, without type arguments: <c>global::EbpfSharp.Runtime.MapView</c>.</summary>
    public static string ViewTypeName(MapViewKind view) => "global::EbpfSharp.Runtime." + view switch
    {
        MapViewKind.Map => "MapView",
        MapViewKind.PerCpuMap => "PerCpuMapView",
        MapViewKind.Queue => "QueueView",
        MapViewKind.BloomFilter => "BloomFilterView",
        MapViewKind.ProgramArray => "ProgramArrayView",
        MapViewKind.StackTrace => "StackTraceView",
        MapViewKind.RingBufferReader => "RingBufferReader",
        _ => "PerfEventReader",
    };
}
