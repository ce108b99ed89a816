using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Writing;

/// <summary>
/// One function to write: an entry program (with a <see cref="SectionName"/> such as <c>xdp</c> or
/// <c>kprobe/do_sys_openat2</c>) or a subprogram in <c>.text</c> (<see cref="SectionName"/> null). Its
/// instructions may name labels, maps, globals and other functions; the writer resolves labels and turns
/// the rest into relocations.
/// </summary>
/// <param name="Name">The ELF symbol and BTF FUNC name (the kernel accepts [A-Za-z0-9_]).</param>
/// <param name="Instructions">The function's instructions.</param>
public sealed record FunctionCode(string Name, IReadOnlyList<Instruction> Instructions)
{
    /// <summary>The program section for an entry program; null for a <c>.text</c> subprogram.</summary>
    public string? SectionName { get; init; }

    /// <summary>The BTF return type (0 = void is not allowed by the verifier for programs; defaults to int).</summary>
    public int ReturnTypeId { get; init; }

    /// <summary>The BTF parameters; for entry programs, defaults to one context pointer named <c>ctx</c>.</summary>
    public IReadOnlyList<BtfParameter>? Parameters { get; init; }

    /// <summary>Source lines for line_info; if any function has lines, every function must start with one.</summary>
    public IReadOnlyList<SourceLine> Lines { get; init; } = [];

    /// <summary>CO-RE relocations on this function's instructions, written to <c>.BTF.ext</c>.</summary>
    public IReadOnlyList<CoreRelocationSite> CoreRelocations { get; init; } = [];

    /// <summary>Whether this is an entry program rather than a subprogram.</summary>
    public bool IsProgram => SectionName is not null;
}
