namespace EbpfSharp.Generators.Model;

/// <summary>A global variable: a static field of an unmanaged type.</summary>
/// <param name="Name">The field's name, which is the generated property's name.</param>
/// <param name="ObjectName">The variable's name in the object.</param>
/// <param name="Type">Its type, fully qualified.</param>
/// <param name="DeclaredType">Its type as the user wrote it, for doc comments.</param>
/// <param name="IsReadOnly">
/// <c>static readonly</c>: configuration in <c>.rodata</c>, settable before load and read-only after; else a
/// variable in <c>.data</c>/<c>.bss</c>, read and written after load.
/// </param>
/// <param name="IsPublic">Whether its type is public (else the properties are internal).</param>
internal sealed record GlobalModel(string Name, string ObjectName, string Type, string DeclaredType, bool IsReadOnly, bool IsPublic);
