namespace EbpfSharp.Runtime;

/// <summary>Flags of BPF_PROG_TEST_RUN (kernel: include/uapi/linux/bpf.h).</summary>
[Flags]
public enum TestRunFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>BPF_F_TEST_RUN_ON_CPU: run on <see cref="TestRunOptions.Cpu"/> (raw tracepoints).</summary>
    RunOnCpu = 1,
    /// <summary>BPF_F_TEST_XDP_LIVE_FRAMES: really transmit or redirect XDP frames.</summary>
    XdpLiveFrames = 2,
}

/// <summary>The input of one BPF_PROG_TEST_RUN.</summary>
public sealed record TestRunOptions
{
    /// <summary>The packet (XDP, tc, socket filter) or other data in.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The context in (for XDP a struct xdp_md; empty for the kernel's default).</summary>
    public ReadOnlyMemory<byte> Context { get; init; }

    /// <summary>Room for the context out; 0 when not wanted.</summary>
    public int ContextOutSize { get; init; }

    /// <summary>How many times to run (the duration is the average); 0 and 1 both run once.</summary>
    public uint Repeat { get; init; } = 1;

    /// <summary>Run flags.</summary>
    public TestRunFlags Flags { get; init; }

    /// <summary>The CPU, with <see cref="TestRunFlags.RunOnCpu"/>.</summary>
    public uint Cpu { get; init; }

    /// <summary>Frames per batch, with <see cref="TestRunFlags.XdpLiveFrames"/>.</summary>
    public uint BatchSize { get; init; }
}

/// <summary>The output of one BPF_PROG_TEST_RUN.</summary>
/// <param name="ReturnValue">The program's return value (for XDP, the action).</param>
/// <param name="DataOut">The data after the program ran (packets may grow or shrink).</param>
/// <param name="ContextOut">The context after the run, when asked for.</param>
/// <param name="DurationNanoseconds">The kernel's average time per run.</param>
public sealed record TestRunResult(uint ReturnValue, byte[] DataOut, byte[] ContextOut, uint DurationNanoseconds);

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
