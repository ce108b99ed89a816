namespace EbpfSharp.Generators;

/// <summary>
/// The IDs of the generator's diagnostics. EbpfSharp reserves its IDs by range (docs/diagnostics.md):
/// <list type="bullet">
/// <item><c>EBPF0001</c>–<c>EBPF0999</c>: Roslyn analyzers, while you type.</item>
/// <item><c>EBPF1000</c>–<c>EBPF1999</c>: the C# → eBPF compiler, at build.</item>
/// <item><c>EBPF2000</c>–<c>EBPF2999</c>: this generator of typed host classes (<c>EBPF2000</c> is unused).</item>
/// <item><c>EBPF3000</c> and up: the runtime and loader.</item>
/// </list>
/// Every ID has a section in docs/diagnostics.md, and a line in AnalyzerReleases.Unshipped.md until a release.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>A program class, or a type that contains it, is not <c>partial</c>.</summary>
    public const string ClassNotPartial = "EBPF2001";

    /// <summary>A program method is not <c>static</c>.</summary>
    public const string ProgramNotStatic = "EBPF2002";

    /// <summary>Two programs of one class have the same name.</summary>
    public const string DuplicateProgramName = "EBPF2003";

    /// <summary>A program class is generic, or inside a generic type.</summary>
    public const string GenericClass = "EBPF2004";

    /// <summary>A member's name is one the generator writes.</summary>
    public const string NameCollision = "EBPF2005";
}
