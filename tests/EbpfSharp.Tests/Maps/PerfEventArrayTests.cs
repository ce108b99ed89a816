using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps;

public unsafe class PerfEventArrayTests
{
    private const ulong CurrentCpu = 0xffffffff;

    private static readonly XdpContext Packet = XdpContext.ForPacket(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());

    [Fact]
    public void Output_goes_to_this_CPUs_buffer()
    {
        var events = new PerfEventArray<ulong>();

        using (PinTo(0))
            Assert.True(events.Output(Packet, 42));

        Assert.True(events.TryRead(0, out ulong record));
        Assert.Equal(42ul, record);
        Assert.False(events.TryRead(0, out _));
    }

    [Fact]
    public void Zero_max_entries_means_one_slot_per_possible_CPU()
    {
        var events = new PerfEventArray<ulong>();
        ulong record = 1;

        Assert.Equal(E2BIG, PerfEventArray<ulong>.OutputRecord(Packet, events, (ulong)ProgramMap.PossibleCpuCount, &record, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => events.TryRead(ProgramMap.PossibleCpuCount, out _));
    }

    [TwoCpuFact]
    public void A_program_can_write_only_to_its_own_CPUs_slot()
    {
        var events = new PerfEventArray<ulong>();
        ulong record = 1;

        using (PinTo(1))
        {
            Assert.Equal(0, PerfEventArray<ulong>.OutputRecord(Packet, events, 1, &record, 8));
            Assert.Equal(EOPNOTSUPP, PerfEventArray<ulong>.OutputRecord(Packet, events, 0, &record, 8));
        }
        Assert.True(events.TryRead(1, out _));
        Assert.False(events.TryRead(0, out _));
    }

    [Fact]
    public void Slots_past_the_possible_CPUs_have_no_reader()
    {
        var events = new PerfEventArray<ulong>(maxEntries: ProgramMap.PossibleCpuCount + 1);
        ulong record = 1;

        Assert.Equal(ENOENT, PerfEventArray<ulong>.OutputRecord(Packet, events, (ulong)ProgramMap.PossibleCpuCount, &record, 8));
    }

    [Fact]
    public void Unknown_flags_are_EINVAL()
    {
        var events = new PerfEventArray<ulong>();
        ulong record = 1;

        Assert.Equal(EINVAL, PerfEventArray<ulong>.OutputRecord(Packet, events, CurrentCpu | 1ul << 60, &record, 8));
    }

    [Fact]
    public void The_upper_flag_bits_append_packet_bytes()
    {
        var events = new PerfEventArray<ulong>();
        uint record = 0xAABBCCDD;

        using (PinTo(0))
            Assert.Equal(0, PerfEventArray<ulong>.OutputRecord(Packet, events, CurrentCpu | 3ul << 32, &record, 4));

        var (key, value) = Assert.Single(events.ContentBytes());
        Assert.Equal(Key(0), key);
        Assert.Equal([0xDD, 0xCC, 0xBB, 0xAA, 1, 2, 3], value);
        Assert.Equal(EFAULT, PerfEventArray<ulong>.OutputRecord(Packet, events, CurrentCpu | 21ul << 32, &record, 4));
    }

    [Fact]
    public void Clear_drops_pending_records()
    {
        var events = new PerfEventArray<ulong>();
        events.Output(Packet, 1);

        events.Clear();

        Assert.Empty(events.ContentBytes());
    }
}
