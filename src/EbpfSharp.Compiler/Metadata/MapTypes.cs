using System.Collections.Concurrent;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>
/// The program-side map classes (marked <c>[MapKind]</c>, by name): on the CLR they are objects, in a program a
/// pointer to the map (an ld_imm64 the loader patches), which is how the compiler treats them.
/// </summary>
internal static class MapTypes
{
    private const string MapKindAttribute = "EbpfSharp.MapKindAttribute";

    private static readonly ConcurrentDictionary<string, int?> Kinds = new();
    private static readonly ConcurrentDictionary<string, bool> Families = new();

    /// <summary>The kernel map type of a map class (its own or a base class's [MapKind]), or null for other types.</summary>
    public static int? Kind(TypeReference type)
    {
        if (type.IsValueType || type.IsPointer || type.IsByReference || type.IsGenericParameter || type.IsArray)
            return null;
        return Kinds.GetOrAdd(type.FullName, _ => Find(type));
    }

    public static bool IsMap(TypeReference type) => Kind(type) is not null;

    /// <summary>Whether a type is a map class or one of their bases (ProgramMap, KeyedMap, ...).</summary>
    public static bool IsMapFamily(TypeReference type)
    {
        if (type.IsValueType || type.IsPointer || type.IsByReference || type.IsGenericParameter || type.IsArray)
            return false;
        return Families.GetOrAdd(type.FullName, _ => DerivesFromProgramMap(type));
    }

    private static bool DerivesFromProgramMap(TypeReference type)
    {
        for (var current = Resolve(type); current is not null; current = current.BaseType is { } next ? Resolve(next) : null)
            if (current.FullName == "EbpfSharp.ProgramMap")
                return true;
        return false;
    }

    private static int? Find(TypeReference type)
    {
        for (var current = Resolve(type); current is not null; current = current.BaseType is { } next ? Resolve(next) : null)
        {
            var attribute = current.CustomAttributes.FirstOrDefault(candidate => candidate.AttributeType.FullName == MapKindAttribute);
            if (attribute is not null)
                return Convert.ToInt32(attribute.ConstructorArguments[0].Value);
        }
        return null;
    }

    private static TypeDefinition? Resolve(TypeReference type)
    {
        try
        {
            return type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }
}
