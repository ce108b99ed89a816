namespace EbpfSharp.Object.Writing;

/// <summary>A global variable in <c>.data</c>, <c>.rodata</c> or <c>.bss</c>.</summary>
/// <param name="SectionName"><c>.data</c>, <c>.rodata</c>, <c>.bss</c> (or a <c>.data.*</c>/<c>.rodata.*</c>/<c>.bss.*</c> variant).</param>
/// <param name="Name">The symbol and VAR name.</param>
/// <param name="TypeId">The variable's BTF type.</param>
/// <param name="InitialValue">The initial bytes (all zero for <c>.bss</c>); the length is the variable's size.</param>
public sealed record GlobalVariable(string SectionName, string Name, int TypeId, byte[] InitialValue);
