namespace EbpfSharp.Tests.Maps;

/// <summary>A fact about per-CPU values that moves the test thread between CPUs 0 and 1: skipped on one CPU.</summary>
public sealed class TwoCpuFactAttribute : FactAttribute
{
    public TwoCpuFactAttribute() =>
        Skip = MapCalls.HasTwoCpus ? null : "Needs two CPUs to compare per-CPU values.";
}
