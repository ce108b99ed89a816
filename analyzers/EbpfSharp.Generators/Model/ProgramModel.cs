namespace EbpfSharp.Generators.Model;

/// <summary>A program method.</summary>
/// <param name="Name">The method's name, which is the generated property's name.</param>
/// <param name="ObjectName">The program's name in the object.</param>
/// <param name="Kind">The handle it gets.</param>
/// <param name="AttributeName">The attribute as written, without <c>Attribute</c> (<c>Xdp</c>), for doc comments.</param>
/// <param name="Tracepoint">A raw tracepoint program's tracepoint.</param>
internal sealed record ProgramModel(string Name, string ObjectName, ProgramKind Kind, string AttributeName, string? Tracepoint);
