namespace EbpfSharp;

/// <summary>Options of <see cref="StackTraceMap.GetStackId(RawTracepointContext, StackTraceFlags, int)"/> (kernel: BPF_F_SKIP_FIELD_MASK, BPF_F_USER_STACK, BPF_F_FAST_STACK_CMP, BPF_F_REUSE_STACKID).</summary>
[Flags]
public enum StackTraceFlags : ulong
{
    /// <summary>The kernel stack, compared by hash only.</summary>
    None = 0,

    /// <summary>The user-space stack instead of the kernel's.</summary>
    UserStack = 1 << 8,

    /// <summary>Compare stacks by hash only, without comparing frames.</summary>
    FastCompare = 1 << 9,

    /// <summary>When the hash bucket holds another stack, replace it instead of failing.</summary>
    ReuseId = 1 << 10,
}
