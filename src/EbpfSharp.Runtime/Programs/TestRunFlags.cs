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
