using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Readers;

/// <summary>Readers give back every descriptor, mapping and thread they take.</summary>
[Collection(SerialCollection.Name)]
public class ReaderResourceTests
{
    [KernelFact]
    public async Task Disposing_ring_buffer_readers_releases_their_descriptors_and_mappings()
    {
        using var ring = BpfMap.Create(new MapDefinition("events", BpfMapType.RingBuffer, 0, 0, 16 * 1024));
        int whileOpen = 0;
        await Cycle();
        var before = DescriptorSnapshot.TakeBaseline();
        int mappings = DescriptorMappings();

        for (int i = 0; i < 50; i++)
            await Cycle();

        before.AssertUnchanged();
        Assert.Equal(mappings, DescriptorMappings());
        Assert.True(whileOpen > mappings, $"{whileOpen} mappings with a reader open, {mappings} without");
        Assert.False(ring.Handle.IsClosed);

        async Task Cycle()
        {
            var reader = new RingBufferReader<ulong>(ring);
            whileOpen = DescriptorMappings();
            Assert.False(reader.WaitForData(TimeSpan.Zero));
            await EndAsyncWaitByDisposing(reader.ReadAllAsync(), reader);
        }
    }

    [KernelFact]
    public async Task Disposing_perf_event_readers_releases_their_descriptors_and_mappings()
    {
        using var events = BpfMap.Create(new MapDefinition("events", BpfMapType.PerfEventArray, 4, 4, BpfMap.PossibleCpuCount));
        int whileOpen = 0;
        await Cycle();
        var before = DescriptorSnapshot.TakeBaseline();
        int mappings = DescriptorMappings();

        for (int i = 0; i < 50; i++)
            await Cycle();

        before.AssertUnchanged();
        Assert.Equal(mappings, DescriptorMappings());
        Assert.True(whileOpen > mappings, $"{whileOpen} mappings with a reader open, {mappings} without");

        async Task Cycle()
        {
            var reader = new PerfEventReader<ulong>(events, pagesPerCpu: 2);
            whileOpen = DescriptorMappings();
            Assert.False(reader.WaitForData(TimeSpan.Zero));
            await EndAsyncWaitByDisposing(reader.ReadAllAsync(), reader);
        }
    }

    /// <summary>Starts a wait on the reader's waiting thread, then disposes the reader, which must end the stream.</summary>
    private static async Task EndAsyncWaitByDisposing<T>(IAsyncEnumerable<T> stream, IDisposable reader)
    {
        await using var enumerator = stream.GetAsyncEnumerator();
        var next = enumerator.MoveNextAsync().AsTask();
        reader.Dispose();
        Assert.False(await next.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Mappings of kernel objects (ring buffers, perf buffers) in this process.</summary>
    private static int DescriptorMappings() => File.ReadLines("/proc/self/maps").Count(line => line.Contains("anon_inode:", StringComparison.Ordinal));
}
