using System.Runtime.InteropServices;

namespace EbpfSharp.TestSupport;

/// <summary>A theory that needs tools; see <see cref="ToolFactAttribute"/>.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <summary>The tools the test runs.</summary>
    public ToolTheoryAttribute(params string[] tools) => Skip = Requirements.SkipReason(kernel: false, tools);
}
