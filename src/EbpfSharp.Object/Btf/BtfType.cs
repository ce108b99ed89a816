namespace EbpfSharp.Object.Btf;

/// <summary>
/// One BTF type record. Types refer to each other by id: id <c>n</c> is the n-th type of the
/// <see cref="BtfSection"/> (1-based) and id 0 is void. Records compare by value.
/// </summary>
public abstract record BtfType
{
    /// <summary>The type's name; empty for anonymous types and for kinds that have none.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The kind stored in the info word.</summary>
    public abstract BtfKind Kind { get; }
}
