using System.Runtime.InteropServices;
using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class RingBufferTests
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Event
    {
        public ulong Id;
    }

    private static void ReserveAndSubmit(RingBuffer<Event> events, ulong id)
    {
        Event* record = events.Reserve();
        record->Id = id;
        events.Submit(record);
    }

    private static ulong[] Pending(ProgramMap map) => map.ContentBytes().Select(entry => BitConverter.ToUInt64(entry.Value)).ToArray();

    [Fact]
    public void Records_are_read_in_the_order_written()
    {
        var events = new RingBuffer<Event>(4096);
        events.Output(new Event { Id = 1 });
        events.Output(new Event { Id = 2 });

        Assert.Equal([1ul, 2ul], Pending(events));
        Assert.True(events.TryRead(out var first));
        Assert.True(events.TryRead(out var second));
        Assert.False(events.TryRead(out _));
        Assert.Equal(1ul, first.Id);
        Assert.Equal(2ul, second.Id);
    }

    [Fact]
    public void Each_record_takes_an_8_byte_header_and_the_buffer_holds_less_than_its_size()
    {
        // 8-byte records take 16 bytes; the records not yet read may span at most 4095 bytes: 255 fit.
        var events = new RingBuffer<Event>(4096);

        int written = 0;
        while (events.Output(new Event { Id = (ulong)written }))
            written++;

        Assert.Equal(255, written);
        Assert.Equal(EAGAIN, events.OutputRecord(&written, sizeof(int), 0));
        Assert.True(events.TryRead(out _));
        Assert.True(events.Output(new Event()));
    }

    [Fact]
    public void Record_sizes_round_up_to_8_bytes()
    {
        var events = new RingBuffer<Event>(4096);
        byte data = 1;

        int written = 0;
        while (events.OutputRecord(&data, 1, 0) == 0)   // 1 + 8 rounds up to 16
            written++;

        Assert.Equal(255, written);
        Assert.Equal([1], events.ContentBytes()[0].Value);
    }

    [Fact]
    public void A_record_larger_than_the_buffer_never_fits()
    {
        var events = new RingBuffer<Event>(4096);
        var data = new byte[4096];

        fixed (byte* pointer = data)
        {
            Assert.Equal(EAGAIN, events.OutputRecord(pointer, 4096 - 8, 0));   // the whole buffer: one byte too many
            Assert.Equal(0, events.OutputRecord(pointer, 4096 - 16, 0));
        }
        Assert.True(events.ReserveRecord(0, 0) == null);
    }

    [Theory]
    [InlineData(1ul, 0)]
    [InlineData(2ul, 0)]
    [InlineData(3ul, 0)]     // both wakeup bits: the kernel accepts it
    [InlineData(4ul, EINVAL)]
    public void Output_takes_only_the_wakeup_flags(ulong flags, long expected)
    {
        var events = new RingBuffer<Event>(4096);
        var record = new Event { Id = 1 };

        Assert.Equal(expected, events.OutputRecord(&record, (ulong)sizeof(Event), flags));
    }

    [Fact]
    public void Reserve_with_flags_returns_null()
    {
        var events = new RingBuffer<Event>(4096);

        Assert.True(events.ReserveRecord((ulong)sizeof(Event), 1) == null);
    }

    [Fact]
    public void A_reserved_record_holds_back_the_records_after_it()
    {
        var events = new RingBuffer<Event>(4096);
        Event* reserved = events.Reserve();
        events.Output(new Event { Id = 2 });

        Assert.False(events.TryRead(out _));
        Assert.Equal([2ul], Pending(events));     // submitted, waiting behind the reservation

        reserved->Id = 1;
        events.Submit(reserved);

        Assert.True(events.TryRead(out var first));
        Assert.True(events.TryRead(out var second));
        Assert.Equal(1ul, first.Id);
        Assert.Equal(2ul, second.Id);
    }

    [Fact]
    public void Discarded_records_are_skipped_but_hold_their_space_until_read_past()
    {
        var events = new RingBuffer<Event>(4096);
        var pointers = new List<nint>();
        Event* record;
        while ((record = events.Reserve()) != null)
            pointers.Add((nint)record);
        Assert.Equal(255, pointers.Count);

        foreach (nint pointer in pointers)
            events.Discard((Event*)pointer);

        Assert.Empty(events.ContentBytes());
        Assert.False(events.Output(new Event()));
        Assert.False(events.TryRead(out _));     // the reader passes the discarded records
        Assert.True(events.Output(new Event { Id = 7 }));
        Assert.True(events.TryRead(out var read));
        Assert.Equal(7ul, read.Id);
    }

    [Fact]
    public void Reserved_memory_is_zeroed_on_the_CLR()
    {
        var events = new RingBuffer<Event>(4096);

        Event* record = events.Reserve();

        Assert.Equal(0ul, record->Id);
        events.Discard(record);
    }

    [Fact]
    public void Submitting_a_pointer_that_was_not_reserved_throws()
    {
        var events = new RingBuffer<Event>(4096);
        nint stray = Marshal.AllocHGlobal(sizeof(Event));
        nint submitted = (nint)events.Reserve();
        events.Submit((Event*)submitted);

        Assert.Throws<InvalidOperationException>(() => events.Submit((Event*)stray));
        Assert.Throws<InvalidOperationException>(() => events.Discard((Event*)submitted));
        Marshal.FreeHGlobal(stray);
    }

    [Fact]
    public void Clear_drops_every_record_and_outstanding_reservations_finish_quietly()
    {
        var events = new RingBuffer<Event>(4096);
        events.Output(new Event { Id = 1 });
        Event* reserved = events.Reserve();

        events.Clear();
        events.Submit(reserved);

        Assert.Empty(events.ContentBytes());
        Assert.False(events.TryRead(out _));
    }

    [Fact]
    public void Records_from_several_threads_all_arrive()
    {
        var events = new RingBuffer<Event>(64 * 1024);

        Parallel.For(0, 1000, i => ReserveAndSubmit(events, (ulong)i));

        var ids = new List<ulong>();
        while (events.TryRead(out var read))
            ids.Add(read.Id);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (ulong)i), ids.Order());
    }
}
