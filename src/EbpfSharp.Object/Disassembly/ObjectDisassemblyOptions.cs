namespace EbpfSharp.Object.Disassembly;

/// <summary>What <see cref="ObjectDisassembler"/> prints besides the instructions.</summary>
public sealed record ObjectDisassemblyOptions
{
    /// <summary>The default: plain <c>llvm-objdump -d</c> output.</summary>
    public static ObjectDisassemblyOptions Default { get; } = new();

    /// <summary>Which llvm-objdump invocation the instruction text matches.</summary>
    public DisassemblyDialect Dialect { get; init; } = DisassemblyDialect.Default;

    /// <summary>
    /// Print each relocation after the instruction it patches, as <c>llvm-objdump -d -r</c> does:
    /// <c>\t\t0000000000000010:  R_BPF_64_64\tmy_map</c>.
    /// </summary>
    public bool ShowRelocations { get; init; }

    /// <summary>
    /// Print the source line from <c>.BTF.ext</c> line_info before the first instruction of each new line,
    /// as the kernel verifier log does: <c>; return XDP_PASS; @ xdp.c:12</c>. Not part of llvm-objdump's
    /// output; off by default.
    /// </summary>
    public bool ShowSourceLines { get; init; }

    /// <summary>
    /// Only the block of this symbol (a program or subprogram), under its section's heading; sections
    /// without it are left out. Null prints everything, as llvm-objdump does.
    /// </summary>
    public string? Symbol { get; init; }
}
