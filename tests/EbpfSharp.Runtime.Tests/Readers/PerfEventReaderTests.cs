using System.Buffers.Binary;
using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Readers;

/// <summary>
/// BPF_PROG_TEST_RUN runs an XDP program on the calling thread's CPU, so the tests pin the thread to keep
/// every record in one CPU's buffer, where records are ordered.
/// </summary>
public class PerfEventReaderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static BpfMap CreateArray() =>
        BpfMap.Create(new MapDefinition("events", BpfMapType.PerfEventArray, 4, 4, BpfMap.PossibleCpuCount));

    /// <summary>The last online CPU: one with a buffer, other than 0 on a multi-CPU machine.</summary>
    private static int LastCpu => PossibleCpus.Online()?.Max() ?? 0;

    [KernelFact]
    public void Records_of_one_cpu_are_read_in_order_with_the_cpu_they_were_written_on()
    {
        using var reader = new PerfEventReader<ulong>(CreateArray(), ownsMap: true);
        using var program = EventPrograms.PerfEventOutputProgram(reader.Map);

        using (CpuAffinity.PinCurrentThread(LastCpu))
        {
            for (ulong head = 0; head < 20; head++)
                Assert.Equal(EventPrograms.Written, program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head * 3) }).ReturnValue);
        }

        var read = new List<(ulong Head, int Cpu)>();
        while (reader.TryRead(out ulong head, out int cpu))
            read.Add((head, cpu));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => ((ulong)i * 3, LastCpu)), read);
        Assert.Contains(LastCpu, reader.Cpus);
        Assert.Equal(0, reader.LostCount);
    }

    [KernelFact]
    public void The_byte_reader_returns_the_raw_data_with_the_kernels_padding()
    {
        using var reader = new PerfEventReader(CreateArray(), ownsMap: true);
        using var program = EventPrograms.PerfEventOutputProgram(reader.Map);
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(0x0102030405060708) });

        Assert.True(reader.TryRead(out var record, out int cpu));

        // 8 bytes written; the u32 size and the data are padded to a multiple of 8, so the raw size is 12.
        Assert.Equal(12, record.Length);
        Assert.Equal(0x0102030405060708ul, BinaryPrimitives.ReadUInt64LittleEndian(record));
        Assert.InRange(cpu, 0, BpfMap.PossibleCpuCount - 1);
        Assert.False(reader.TryRead(out var none, out _));
        Assert.Null(none);
    }

    [KernelFact]
    public void Records_dropped_by_a_full_buffer_are_counted_as_lost()
    {
        using var reader = new PerfEventReader<ulong>(CreateArray(), pagesPerCpu: 1, ownsMap: true);
        using var program = EventPrograms.PerfEventOutputProgram(reader.Map);
        int written = 0, read = 0;

        using (CpuAffinity.PinCurrentThread(LastCpu))
        {
            // 24 bytes a record: a 4 KiB buffer holds about 170, so most of these are dropped.
            for (int i = 0; i < 400; i++)
                if (program.TestRun(new TestRunOptions { Data = EventPrograms.Packet((ulong)i) }).ReturnValue == EventPrograms.Written)
                    written++;
            read += reader.ReadAvailable((_, _) => { });
            // The kernel reports the loss in the next record it has room for.
            Assert.Equal(EventPrograms.Written, program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(999) }).ReturnValue);
            read += reader.ReadAvailable((_, _) => { });
        }

        Assert.InRange(written, 1, 399);
        Assert.Equal(written + 1, read);
        Assert.Equal(400 - written, reader.LostCount);
    }

    [KernelFact]
    public void Records_that_wrap_around_the_end_of_a_buffer_read_whole()
    {
        using var reader = new PerfEventReader<ulong>(CreateArray(), pagesPerCpu: 1, ownsMap: true);
        using var program = EventPrograms.PerfEventOutputProgram(reader.Map);
        var heads = new List<ulong>();

        using (CpuAffinity.PinCurrentThread(LastCpu))
        {
            // 24-byte records in a 4096-byte buffer: the boundary falls inside a record every third round.
            for (ulong head = 0; head < 600; head++)
            {
                program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });
                if (head % 100 == 99)
                    reader.ReadAvailable((record, _) => heads.Add(record));
            }
        }

        Assert.Equal(Enumerable.Range(0, 600).Select(i => (ulong)i), heads);
        Assert.Equal(0, reader.LostCount);
    }

    [KernelFact]
    public void WaitForData_times_out_when_empty_and_returns_true_once_a_record_is_there()
    {
        using var reader = new PerfEventReader<ulong>(CreateArray(), ownsMap: true);
        using var program = EventPrograms.PerfEventOutputProgram(reader.Map);

        Assert.False(reader.WaitForData(TimeSpan.FromMilliseconds(50)));
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(5) });
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(6) });

        Assert.True(reader.WaitForData(Patience));
        Assert.True(reader.TryRead(out ulong first, out _));
        // One record is still unread: the wait says so although the kernel's wakeup was reported already.
        Assert.True(reader.WaitForData(Patience));
        Assert.True(reader.TryRead(out ulong second, out _));
        Assert.Equal((5ul, 6ul), (first, second));
        Assert.False(reader.WaitForData(TimeSpan.Zero));
    }

    [KernelFact]
    public async Task ReadAllAsync_yields_records_written_while_it_waits_and_cancellation_ends_it()
    {
        using var reader = new PerfEventReader<ulong>(CreateArray(), ownsMap: true);
        using var program = EventPrograms.PerfEventOutputProgram(reader.Map);
        using var cancel = new CancellationTokenSource(Patience);

        var writer = Task.Run(async () =>
        {
            for (ulong head = 0; head < 10; head++)
            {
                await Task.Delay(5);
                using (CpuAffinity.PinCurrentThread(LastCpu))
                    program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });
            }
        });
        var heads = new List<ulong>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ulong head in reader.ReadAllAsync(cancel.Token))
            {
                heads.Add(head);
                if (heads.Count == 10)
                    await cancel.CancelAsync();
            }
        });
        await writer;

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ulong)i), heads);
    }

    [KernelFact]
    public void Disposing_the_reader_empties_the_maps_slots()
    {
        using var events = CreateArray();
        using var program = EventPrograms.PerfEventOutputProgram(events);
        var packet = new TestRunOptions { Data = EventPrograms.Packet(1) };

        Assert.Equal(EventPrograms.NotWritten, program.TestRun(packet).ReturnValue);
        using (var reader = new PerfEventReader(events))
            Assert.Equal(EventPrograms.Written, program.TestRun(packet).ReturnValue);

        Assert.Equal(EventPrograms.NotWritten, program.TestRun(packet).ReturnValue);
        Assert.False(events.Handle.IsClosed);
    }

    [KernelFact]
    public void Disposing_the_reader_from_inside_a_callback_stops_the_read_and_empties_the_slots()
    {
        using var events = CreateArray();
        using var program = EventPrograms.PerfEventOutputProgram(events);
        var reader = new PerfEventReader<ulong>(events);
        for (ulong head = 0; head < 3; head++)
            program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });

        Assert.Equal(1, reader.ReadAvailable((_, _) => reader.Dispose()));

        Assert.Throws<ObjectDisposedException>(() => reader.TryRead(out _, out _));
        Assert.Equal(EventPrograms.NotWritten, program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(9) }).ReturnValue);
    }

    [KernelFact]
    public void Only_perf_event_arrays_are_read_and_buffers_are_a_power_of_two_pages()
    {
        using var ring = BpfMap.Create(new MapDefinition("not_perf", BpfMapType.RingBuffer, 0, 0, 4096));
        using var events = CreateArray();

        var type = Assert.Throws<ArgumentException>(() => new PerfEventReader(ring));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerfEventReader(events, pagesPerCpu: 3));

        Assert.Contains("PerfEventReader works on PerfEventArray maps", type.Message);
        Assert.Contains("use RingBufferReader<T>", type.Message);
    }
}
