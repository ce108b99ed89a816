namespace EbpfSharp.Generators.Model;

/// <summary>A type that contains a program class, re-declared <c>partial</c> around the generated members.</summary>
/// <param name="Keyword">How it is declared: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">Its name.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
