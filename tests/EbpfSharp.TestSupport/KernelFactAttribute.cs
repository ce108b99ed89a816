using System.Runtime.InteropServices;

namespace EbpfSharp.TestSupport;

/// <summary>A fact that needs bpf() (root on a kernel with BTF): skipped with the reason when unavailable, unless required.</summary>
public sealed class KernelFactAttribute : FactAttribute
{
    /// <summary>Optionally also needs these tools on PATH.</summary>
    public KernelFactAttribute(params string[] tools) => Skip = Requirements.SkipReason(kernel: true, tools);
}
