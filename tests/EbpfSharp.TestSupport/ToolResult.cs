using System.Diagnostics;

namespace EbpfSharp.TestSupport;

/// <summary>The result of running an external tool.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws with both output streams when the tool failed.</summary>
    public ToolResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
            throw new InvalidOperationException($"{what} exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        return this;
    }
}
