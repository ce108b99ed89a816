namespace EbpfSharp.Runtime;

/// <summary>The output of one BPF_PROG_TEST_RUN.</summary>
/// <param name="ReturnValue">The program's return value (for XDP, the action).</param>
/// <param name="DataOut">The data after the program ran (packets may grow or shrink).</param>
/// <param name="ContextOut">The context after the run, when asked for.</param>
/// <param name="DurationNanoseconds">The kernel's average time per run.</param>
public sealed record TestRunResult(uint ReturnValue, byte[] DataOut, byte[] ContextOut, uint DurationNanoseconds);
