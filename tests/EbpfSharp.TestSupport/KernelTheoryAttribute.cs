using System.Runtime.InteropServices;

namespace EbpfSharp.TestSupport;

/// <summary>A theory that needs bpf(); see <see cref="KernelFactAttribute"/>.</summary>
public sealed class KernelTheoryAttribute : TheoryAttribute
{
    /// <summary>Optionally also needs these tools on PATH.</summary>
    public KernelTheoryAttribute(params string[] tools) => Skip = Requirements.SkipReason(kernel: true, tools);
}
