namespace EbpfSharp.Object.Instructions;

/// <summary>The immediate of an atomic instruction (kernel: include/uapi/linux/bpf.h, BPF_FETCH and friends).</summary>
[Flags]
public enum AtomicOperation
{
    /// <summary>*ptr += src</summary>
    Add = 0x00,
    /// <summary>*ptr |= src</summary>
    Or = 0x40,
    /// <summary>*ptr &amp;= src</summary>
    And = 0x50,
    /// <summary>*ptr ^= src</summary>
    Xor = 0xa0,
    /// <summary>Also return the old value in src.</summary>
    Fetch = 0x01,
    /// <summary>src = xchg(*ptr, src) (always fetches).</summary>
    Exchange = 0xe0 | Fetch,
    /// <summary>r0 = cmpxchg(*ptr, r0, src) (always fetches).</summary>
    CompareExchange = 0xf0 | Fetch,
}
