namespace EbpfSharp;

/// <summary>When a ring buffer write wakes the host's reader (kernel: BPF_RB_NO_WAKEUP, BPF_RB_FORCE_WAKEUP).</summary>
public enum RingBufferWakeup : ulong
{
    /// <summary>Wake the reader when it has caught up with everything before this record (the kernel's adaptive default).</summary>
    Default = 0,

    /// <summary>Do not wake the reader; it sees the record at its next wake-up or poll.</summary>
    None = 1,

    /// <summary>Always wake the reader.</summary>
    Force = 2,
}
