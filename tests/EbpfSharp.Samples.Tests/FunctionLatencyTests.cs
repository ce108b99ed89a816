using System.Text.RegularExpressions;
using EbpfSharp.TestSupport;
using FunctionLatencySample;

namespace EbpfSharp.Samples.Tests;

public class FunctionLatencyTests
{
    private const string Target = """
        #include <time.h>
        __attribute__((noinline)) int ebpfsharp_timed(int microseconds) {
            struct timespec pause = { 0, microseconds * 1000L };
            nanosleep(&pause, 0);
            return microseconds;
        }
        """;

    [KernelFact("gcc")]
    public unsafe void A_native_function_called_n_times_gives_n_samples()
    {
        const int Calls = 37;
        string library = NativeCode.Library(Target);
        var function = (delegate* unmanaged<int, int>)NativeCode.Function(Target, "ebpfsharp_timed");
        using var latency = FunctionLatency.Load();
        latency.OnEntry.Attach(library, "ebpfsharp_timed", Environment.ProcessId);
        latency.OnReturn.Attach(library, "ebpfsharp_timed", Environment.ProcessId);

        for (int i = 0; i < Calls; i++)
            function(i % 2 == 0 ? 50 : 1000);

        ulong total = 0;
        for (uint bucket = 0; bucket < FunctionLatency.Buckets; bucket++)
            total += latency.Histogram[bucket];
        Assert.Equal((ulong)Calls, total);
        Assert.Equal((ulong)Calls, latency.Calls);
        Assert.True(latency.TotalNanoseconds >= 18UL * 1_000_000, $"{latency.TotalNanoseconds} ns for 18 calls of ≥ 1 ms");
        Assert.True(latency.Histogram[9] + latency.Histogram[10] >= 18, "the 1 ms calls fall in the 512–2047 µs buckets");
    }

    [Fact]
    public void Log2_buckets_as_the_histogram_prints_them()
    {
        Assert.Equal(0u, FunctionLatency.Log2(0));
        Assert.Equal(0u, FunctionLatency.Log2(1));
        Assert.Equal(1u, FunctionLatency.Log2(3));
        Assert.Equal(9u, FunctionLatency.Log2(1000));
        Assert.Equal(10u, FunctionLatency.Log2(1024));
        Assert.Equal(FunctionLatency.Buckets - 1u, FunctionLatency.Log2(ulong.MaxValue));
    }

    [KernelFact]
    public void The_demo_times_every_usleep_call_it_makes()
    {
        var output = new StringWriter();

        int exitCode = LatencyApp.Run([], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Timing usleep in ", text);
        Assert.Matches(new Regex($@"^{LatencyApp.DemoCalls} calls, average \d+\.\d µs\.$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^\s+512 -> 1023\s+: \d+\s+\|\**\s*\|$", RegexOptions.Multiline), text);
    }
}
