namespace EbpfSharp.Benchmarks;

/// <summary>A C# program and its C twin of the same meaning.</summary>
/// <param name="Name">The row's name in the table.</param>
/// <param name="CSharpClass">The class holding the one [Xdp] method.</param>
/// <param name="CFile">The twin's file name under Programs/c.</param>
/// <param name="CFunction">The twin's program (function) name.</param>
public sealed record BenchmarkPair(string Name, Type CSharpClass, string CFile, string CFunction);
