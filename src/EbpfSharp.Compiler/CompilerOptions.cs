namespace EbpfSharp.Compiler;

/// <summary>How to compile.</summary>
public sealed record CompilerOptions
{
    /// <summary>The instruction set to target.</summary>
    public IsaVersion Isa { get; init; } = IsaVersion.V3;

    /// <summary>Directories searched for referenced assemblies besides the input assembly's own.</summary>
    public IReadOnlyList<string> ReferenceDirectories { get; init; } = [];

    /// <summary>
    /// The architecture whose <c>struct pt_regs</c> probes read (kprobe and uprobe registers); by default the
    /// machine the compiler runs on.
    /// </summary>
    public TargetArchitecture TargetArchitecture { get; init; } = TargetArchitectures.Host;
}
