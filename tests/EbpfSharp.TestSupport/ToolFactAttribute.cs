using System.Runtime.InteropServices;

namespace EbpfSharp.TestSupport;

/// <summary>A fact that needs tools (clang-19, llvm-objdump-19, bpftool, gcc) but not the kernel.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>The tools the test runs.</summary>
    public ToolFactAttribute(params string[] tools) => Skip = Requirements.SkipReason(kernel: false, tools);
}
