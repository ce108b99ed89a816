using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Readers;

public class RingBufferReaderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static BpfMap CreateRing(int size = 64 * 1024) => BpfMap.Create(new MapDefinition("events", BpfMapType.RingBuffer, 0, 0, size));

    /// <summary>Adds the heads of records from a new ReadAllAsync stream to <paramref name="heads"/> until it holds <paramref name="upTo"/>, then ends the stream.</summary>
    private static async Task TakeHeads(RingBufferReader<PacketEvent> reader, List<ulong> heads, int upTo, CancellationToken cancellationToken)
    {
        await foreach (var record in reader.ReadAllAsync(cancellationToken))
        {
            heads.Add(record.Head);
            if (heads.Count == upTo)
                break;
        }
    }

    [KernelFact]
    public void Records_are_read_in_submission_order_with_their_contents()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);

        for (int i = 0; i < 20; i++)
            Assert.Equal(EventPrograms.Written, program.TestRun(new TestRunOptions { Data = EventPrograms.Packet((ulong)i * 2, 14 + i) }).ReturnValue);

        var read = new List<PacketEvent>();
        while (reader.TryRead(out var record))
            read.Add(record);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => new PacketEvent((ulong)i * 2, (ulong)(14 + i))), read);
        Assert.False(reader.TryRead(out _));
    }

    [KernelFact]
    public void Discarded_records_are_skipped()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferReserveProgram(reader.Map);

        for (ulong head = 0; head < 10; head++)
            program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });

        var heads = new List<ulong>();
        Assert.Equal(5, reader.ReadAvailable(record => heads.Add(record.Head)));
        Assert.Equal([0ul, 2, 4, 6, 8], heads);
    }

    [KernelFact]
    public async Task ReadAllAsync_skips_records_discarded_between_submitted_ones_of_a_run()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferReserveProgram(reader.Map);
        using var timeout = new CancellationTokenSource(Patience);
        for (ulong head = 0; head < 10; head++)
            program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });

        var heads = new List<ulong>();
        await TakeHeads(reader, heads, upTo: 5, timeout.Token);

        Assert.Equal([0ul, 2, 4, 6, 8], heads);
        Assert.False(reader.TryRead(out _));
    }

    [KernelFact]
    public async Task Records_a_stream_took_but_did_not_yield_are_read_next_in_order()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);
        using var timeout = new CancellationTokenSource(Patience);
        for (ulong head = 0; head < 10; head++)
            program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });

        var heads = new List<ulong>();
        await TakeHeads(reader, heads, upTo: 3, timeout.Token);     // the stream took the whole run of 10 from the ring
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(10) });

        Assert.True(reader.WaitForData(TimeSpan.Zero));
        Assert.True(reader.TryRead(out var next));
        heads.Add(next.Head);
        await TakeHeads(reader, heads, upTo: 8, timeout.Token);
        reader.ReadAvailable(record => heads.Add(record.Head));

        Assert.Equal(Enumerable.Range(0, 11).Select(i => (ulong)i), heads);
        Assert.False(reader.TryRead(out _));
    }

    [KernelFact]
    public async Task Disposing_the_reader_in_the_middle_of_a_run_ends_ReadAllAsync()
    {
        var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);
        for (ulong head = 0; head < 10; head++)
            program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });
        var records = reader.ReadAllAsync().GetAsyncEnumerator();
        Assert.True(await records.MoveNextAsync());
        Assert.True(await records.MoveNextAsync());

        reader.Dispose();

        Assert.False(await records.MoveNextAsync());
        await records.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => reader.TryRead(out _));
        Assert.True(reader.Map.Handle.IsClosed);
    }

    [KernelFact]
    public void Records_that_wrap_around_the_end_of_the_ring_read_whole()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(Environment.SystemPageSize), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);
        ulong next = 0;
        var read = new List<ulong>();

        // 24 bytes a record: three rounds of 100 cross the end of a 4 KiB ring at least once.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 100; i++)
                Assert.Equal(EventPrograms.Written, program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(next++) }).ReturnValue);
            reader.ReadAvailable(record => read.Add(record.Head));
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (ulong)i), read);
    }

    [KernelFact]
    public void The_byte_reader_hands_out_each_record_as_written()
    {
        using var reader = new RingBufferReader(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(0x1122334455667788, 20) });
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(1, 30) });

        Assert.True(reader.TryRead(out var first));
        var lengths = new List<int>();
        Assert.Equal(1, reader.ReadAvailable(record => lengths.Add(record.Length)));

        Assert.Equal([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 20, 0, 0, 0, 0, 0, 0, 0], first);
        Assert.Equal([16], lengths);
        Assert.False(reader.TryRead(out var none));
        Assert.Null(none);
    }

    [KernelFact]
    public void A_record_of_another_size_than_the_type_throws_and_is_skipped()
    {
        using var reader = new RingBufferReader<uint>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(1) });

        var error = Assert.Throws<InvalidDataException>(() => reader.TryRead(out _));

        Assert.Contains("16-byte record", error.Message);
        Assert.Contains("UInt32 is 4 bytes", error.Message);
        Assert.False(reader.TryRead(out _));
    }

    [KernelFact]
    public async Task ReadAllAsync_yields_the_records_before_one_of_another_size_then_reports_it_then_goes_on()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var whole = EventPrograms.RingBufferOutputProgram(reader.Map);
        using var half = EventPrograms.RingBufferOutputProgram(reader.Map, size: 8);
        whole.TestRun(new TestRunOptions { Data = EventPrograms.Packet(1) });
        whole.TestRun(new TestRunOptions { Data = EventPrograms.Packet(2) });
        half.TestRun(new TestRunOptions { Data = EventPrograms.Packet(3) });
        whole.TestRun(new TestRunOptions { Data = EventPrograms.Packet(4) });
        var records = reader.ReadAllAsync().GetAsyncEnumerator();

        Assert.True(await records.MoveNextAsync());
        Assert.Equal(1UL, records.Current.Head);
        Assert.True(await records.MoveNextAsync());
        Assert.Equal(2UL, records.Current.Head);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => records.MoveNextAsync().AsTask());
        Assert.Contains("8-byte record", error.Message);
        Assert.True(await records.MoveNextAsync());
        Assert.Equal(4UL, records.Current.Head);
        await records.DisposeAsync();
        Assert.False(reader.TryRead(out _));
    }

    [KernelFact]
    public void WaitForData_times_out_when_empty_and_returns_true_once_a_record_is_there()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);

        Assert.False(reader.WaitForData(TimeSpan.FromMilliseconds(50)));
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(7) });

        Assert.True(reader.WaitForData(Patience));
        Assert.True(reader.TryRead(out var record));
        Assert.Equal(7ul, record.Head);
        Assert.False(reader.WaitForData(TimeSpan.Zero));
    }

    [KernelFact]
    public async Task ReadAllAsync_yields_records_written_while_it_waits()
    {
        using var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);
        using var timeout = new CancellationTokenSource(Patience);
        program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(0) });

        var writer = Task.Run(async () =>
        {
            for (ulong head = 1; head < 10; head++)
            {
                await Task.Delay(5);
                program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });
            }
        });
        var heads = new List<ulong>();
        await foreach (var record in reader.ReadAllAsync(timeout.Token))
        {
            heads.Add(record.Head);
            if (heads.Count == 10)
                break;
        }
        await writer;

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ulong)i), heads);
    }

    [KernelFact]
    public async Task Cancelling_ReadAllAsync_ends_a_wait_on_an_empty_ring()
    {
        using var reader = new RingBufferReader(CreateRing(), ownsMap: true);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var reading = Task.Run(async () =>
        {
            await foreach (var record in reader.ReadAllAsync(cancel.Token))
                Assert.Fail("The ring is empty.");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Patience));
        // The reader stays usable after a cancelled stream.
        Assert.False(reader.WaitForData(TimeSpan.Zero));
    }

    [KernelFact]
    public async Task Disposing_the_reader_ends_ReadAllAsync()
    {
        var reader = new RingBufferReader(CreateRing(), ownsMap: true);
        var reading = Task.Run(async () =>
        {
            int count = 0;
            await foreach (var record in reader.ReadAllAsync())
                count++;
            return count;
        });
        await Task.Delay(50);

        reader.Dispose();

        Assert.Equal(0, await reading.WaitAsync(Patience));
        Assert.Throws<ObjectDisposedException>(() => reader.TryRead(out _));
        Assert.True(reader.Map.Handle.IsClosed);
    }

    [KernelFact]
    public void Disposing_the_reader_from_inside_a_callback_stops_the_read()
    {
        var reader = new RingBufferReader<PacketEvent>(CreateRing(), ownsMap: true);
        using var program = EventPrograms.RingBufferOutputProgram(reader.Map);
        for (ulong head = 0; head < 3; head++)
            program.TestRun(new TestRunOptions { Data = EventPrograms.Packet(head) });

        Assert.Equal(1, reader.ReadAvailable(_ => reader.Dispose()));

        Assert.Throws<ObjectDisposedException>(() => reader.TryRead(out _));
        Assert.False(reader.WaitForData(TimeSpan.Zero));
    }

    [KernelFact]
    public void Only_ring_buffer_maps_are_read()
    {
        using var hash = BpfMap.Create(new MapDefinition("not_a_ring", BpfMapType.Hash, 4, 4, 4));

        var error = Assert.Throws<ArgumentException>(() => new RingBufferReader<int>(hash));

        Assert.Contains("RingBufferReader<Int32> works on RingBuffer maps", error.Message);
    }
}
