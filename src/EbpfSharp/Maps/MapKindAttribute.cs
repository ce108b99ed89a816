namespace EbpfSharp;

/// <summary>
/// Marks a program-side map class: a <c>static readonly</c> field of this type, initialised with <c>new(...)</c>,
/// becomes a BTF-defined map in the object's <c>.maps</c> section. The compiler reads the constructor's constant
/// arguments by parameter name (<c>maxEntries</c>, <c>sizeBytes</c>, <c>flags</c>, <c>pinned</c>,
/// <c>hashCount</c>, <c>depth</c>) and the class's generic arguments as the key and value types.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MapKindAttribute(MapKind kind) : Attribute
{
    /// <summary>The kernel map type.</summary>
    public MapKind Kind { get; } = kind;
}
