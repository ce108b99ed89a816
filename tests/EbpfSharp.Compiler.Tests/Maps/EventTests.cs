using System.Runtime.InteropServices;
using EbpfSharp.Corpus.Maps;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Compiler.Tests.Maps;

/// <summary>Records programs send to user space arrive in order, as the struct type the program wrote.</summary>
public sealed class EventTests
{
    private const int Count = 200;

    private static byte[] Frame(int index) =>
        FramePackets.Ipv4(protocol: (byte)(index % 3 == 0 ? 6 : 17), source: 0x0A000000u + (uint)index, destination: 0x0A0000FF, payload: index % 50);

    [KernelFact]
    public void Ring_buffer_output_records_arrive_in_order()
    {
        using var loaded = MapCorpus.Load(typeof(EventReporting));
        using var reader = new RingBufferReader<EventReporting.PacketEvent>(loaded.Map("Events"));
        var program = loaded.Program("ReportIPv4");
        for (int i = 0; i < Count; i++)
            Assert.Equal((uint)XdpAction.Pass, program.TestRun(new TestRunOptions { Data = Frame(i) }).ReturnValue);

        for (int i = 0; i < Count; i++)
        {
            Assert.True(reader.TryRead(out var record), $"record {i} of {Count} is missing");
            Assert.Equal((ulong)(i + 1), record.Sequence);
            Assert.Equal((uint)Frame(i).Length, record.Length);
            Assert.Equal((ushort)0x0800, record.EtherType);
            Assert.Equal((byte)(i % 3 == 0 ? 6 : 17), record.Protocol);
        }
        Assert.False(reader.TryRead(out _));
        Assert.Equal(0ul, loaded.ReadVariable<ulong>("Lost"));
    }

    [KernelFact]
    public void Ring_buffer_delivers_submitted_records_and_never_discarded_ones()
    {
        using var loaded = MapCorpus.Load(typeof(EventReporting));
        using var reader = new RingBufferReader(loaded.Map("Events"));
        var program = loaded.Program("ReportTcpFlags");
        var expected = new List<(ulong Sequence, byte Flags)>();
        for (int i = 0; i < Count; i++)
        {
            byte flags = (byte)(i % 4 == 0 ? 0 : i);
            bool tcp = i % 2 == 0;
            var packet = FramePackets.Ipv4(protocol: (byte)(tcp ? 6 : 17), source: 0x0A000001, destination: 0x0A000002, tcpFlags: flags);
            uint verdict = program.TestRun(new TestRunOptions { Data = packet }).ReturnValue;
            bool submitted = tcp && flags != 0;
            Assert.Equal((uint)(submitted ? XdpAction.Drop : XdpAction.Pass), verdict);
            if (submitted)
                expected.Add(((ulong)(i + 1), flags));
        }

        var records = new List<EventReporting.PacketEvent>();
        while (reader.TryRead(out byte[]? record))
            records.Add(MemoryMarshal.Read<EventReporting.PacketEvent>(record));
        Assert.Equal(expected, records.Select(record => (record.Sequence, record.TcpFlags)));
        Assert.All(records, record => Assert.Equal((byte)6, record.Protocol));
    }

    [KernelFact]
    public void Perf_event_array_samples_arrive_in_order_from_the_running_cpu()
    {
        using var loaded = MapCorpus.Load(typeof(EventReporting));
        using var reader = new PerfEventReader<EventReporting.PerfSample>(loaded.Map("Samples"));
        var program = loaded.Program("SampleToPerf");
        int cpu = (int)Bpf.GetSmpProcessorId();
        using (CpuAffinity.PinCurrentThread(cpu))
        {
            for (int i = 0; i < Count; i++)
                Assert.Equal((uint)XdpAction.Pass, program.TestRun(new TestRunOptions { Data = Frame(i) }).ReturnValue);
        }

        for (int i = 0; i < Count; i++)
        {
            Assert.True(reader.TryRead(out var sample, out int from), $"sample {i} of {Count} is missing");
            Assert.Equal(cpu, from);
            Assert.Equal((uint)(i + 1), sample.Sequence);
            Assert.Equal((ushort)Frame(i).Length, sample.Length);
            Assert.Equal((ushort)0x0800, sample.EtherType);
        }
        Assert.False(reader.TryRead(out _, out _));
        Assert.Equal(0, reader.LostCount);
    }
}
