namespace EbpfSharp.Runtime;

/// <summary>What the kernel reports about a loaded program (struct bpf_prog_info).</summary>
/// <param name="Id">The kernel-wide program id.</param>
/// <param name="Type">The program type.</param>
/// <param name="Name">The name the kernel keeps (at most 15 characters).</param>
/// <param name="Tag">The program's tag (hash of its instructions) as hex.</param>
/// <param name="TranslatedInstructionCount">Instructions after the verifier's rewrites (xlated_prog_len / 8).</param>
/// <param name="JitedSize">Bytes of machine code (0 when not JIT-compiled).</param>
/// <param name="VerifiedInstructions">Instructions the verifier processed across all paths (kernel 5.16+).</param>
/// <param name="MapIds">Ids of the maps the program uses.</param>
/// <param name="BtfId">The id of the program's BTF, or 0.</param>
/// <param name="RunCount">Runs counted while statistics are enabled.</param>
/// <param name="RunTimeNanoseconds">Total run time counted while statistics are enabled.</param>
/// <param name="GplCompatible">Whether the license lets the program use GPL-only helpers.</param>
public sealed record ProgramInfo(
    uint Id,
    Object.BpfProgramType Type,
    string Name,
    string Tag,
    int TranslatedInstructionCount,
    int JitedSize,
    int VerifiedInstructions,
    IReadOnlyList<uint> MapIds,
    uint BtfId,
    ulong RunCount,
    ulong RunTimeNanoseconds,
    bool GplCompatible);
