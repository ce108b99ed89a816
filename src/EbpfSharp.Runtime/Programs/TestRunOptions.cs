namespace EbpfSharp.Runtime;

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
