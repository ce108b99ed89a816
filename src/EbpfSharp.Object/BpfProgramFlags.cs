namespace EbpfSharp.Object;

/// <summary>Flags of BPF_PROG_LOAD (kernel: include/uapi/linux/bpf.h).</summary>
[Flags]
public enum BpfProgramFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>BPF_F_STRICT_ALIGNMENT</summary>
    StrictAlignment = 0x1,
    /// <summary>BPF_F_ANY_ALIGNMENT</summary>
    AnyAlignment = 0x2,
    /// <summary>BPF_F_TEST_RND_HI32</summary>
    TestRandomHigh32 = 0x4,
    /// <summary>BPF_F_TEST_STATE_FREQ</summary>
    TestStateFrequency = 0x8,
    /// <summary>BPF_F_SLEEPABLE</summary>
    Sleepable = 0x10,
    /// <summary>BPF_F_XDP_HAS_FRAGS</summary>
    XdpHasFragments = 0x20,
}
