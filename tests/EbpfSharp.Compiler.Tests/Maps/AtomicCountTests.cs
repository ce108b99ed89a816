using EbpfSharp.Corpus.Maps;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Compiler.Tests.Maps;

/// <summary>Interlocked operations compile to BPF atomics: concurrent runs on several CPUs lose no update.</summary>
public sealed class AtomicCountTests
{
    private const int Threads = 4;
    private const uint RunsPerThread = 5000;

    [KernelFact]
    public void Four_threads_on_two_cpus_count_every_run_exactly()
    {
        using var loaded = MapCorpus.Load(typeof(PacketTally));
        var program = loaded.Program("Tally");
        var packet = FramePackets.Ipv4(protocol: 17, source: 0x0A000001, destination: 0x0A000002);
        int cpus = Math.Min(2, Environment.ProcessorCount);
        using var start = new Barrier(Threads);

        var runs = Enumerable.Range(0, Threads).Select(index => Task.Factory.StartNew(() =>
        {
            using var pinned = CpuAffinity.PinCurrentThread(index % cpus);
            start.SignalAndWait();
            return program.TestRun(new TestRunOptions { Data = packet, Repeat = RunsPerThread }).ReturnValue;
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(runs);

        Assert.All(runs, run => Assert.Equal((uint)XdpAction.Pass, run.Result));
        Assert.True(loaded.Map("Counts").TryLookup(0u, out ulong count));
        Assert.Equal(Threads * RunsPerThread, count);
        Assert.Equal(Threads * RunsPerThread * packet.Length, loaded.ReadVariable<long>("TotalBytes"));
    }
}
