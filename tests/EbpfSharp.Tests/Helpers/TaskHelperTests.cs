using System.Diagnostics;

namespace EbpfSharp.Tests.Helpers;

public unsafe class TaskHelperTests
{
    [Fact]
    public void Clocks_are_monotonic_and_boot_time_is_not_behind_monotonic_time()
    {
        ulong first = Bpf.KtimeGetNs();
        ulong boot = Bpf.KtimeGetBootNs();
        ulong second = Bpf.KtimeGetNs();

        Assert.True(first <= second);
        Assert.True(boot >= first);
        // The coarse clock lags the precise one by at most a tick (4 ms at HZ=250, 10 ms at HZ=100).
        Assert.InRange((long)(Bpf.KtimeGetNs() - Bpf.KtimeGetCoarseNs()), -1_000_000, 20_000_000);
    }

    [Fact]
    public void Jiffies_count_from_five_minutes_before_32_bit_wrap()
    {
        ulong jiffies = Bpf.Jiffies64();
        double uptimeSeconds = Bpf.KtimeGetNs() / 1e9;

        // Whatever HZ (100 to 1000), jiffies minus INITIAL_JIFFIES is uptime × HZ.
        bool matchesSomeHz = new[] { 100, 250, 300, 1000 }.Any(hz =>
            Math.Abs((double)(jiffies - (uint)(-300 * hz)) - uptimeSeconds * hz) < hz);
        Assert.True(matchesSomeHz, $"jiffies {jiffies} at uptime {uptimeSeconds:F1} s");
    }

    [Fact]
    public void PidTgid_holds_the_process_id_above_the_thread_id()
    {
        ulong ids = Bpf.GetCurrentPidTgid();

        Assert.Equal((uint)Environment.ProcessId, (uint)(ids >> 32));
        Assert.Contains(Process.GetCurrentProcess().Threads.Cast<ProcessThread>(), t => t.Id == (int)(uint)ids);
    }

    [Fact]
    public void UidGid_holds_the_group_above_the_user()
    {
        ulong ids = Bpf.GetCurrentUidGid();
        string status = File.ReadAllText("/proc/self/status");
        string Field(string name) => status.Split('\n').First(l => l.StartsWith(name, StringComparison.Ordinal)).Split('\t')[1];

        Assert.Equal(uint.Parse(Field("Uid:")), (uint)ids);
        Assert.Equal(uint.Parse(Field("Gid:")), (uint)(ids >> 32));
    }

    [Fact]
    public void GetCurrentComm_writes_the_thread_name_NUL_terminated_and_zero_padded()
    {
        string comm = File.ReadAllText("/proc/thread-self/comm").TrimEnd('\n');
        var buffer = Enumerable.Repeat((byte)0xcc, 20).ToArray();

        fixed (byte* b = buffer)
            Assert.Equal(0, Bpf.GetCurrentComm(b, 20));

        Assert.Equal(comm, System.Text.Encoding.ASCII.GetString(buffer, 0, comm.Length));
        Assert.All(buffer[comm.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void GetCurrentComm_cuts_the_name_to_leave_room_for_the_NUL()
    {
        var buffer = Enumerable.Repeat((byte)0xcc, 4).ToArray();

        fixed (byte* b = buffer)
            Assert.Equal(0, Bpf.GetCurrentComm(b, 3));

        Assert.Equal(0, buffer[2]);
        Assert.NotEqual(0, buffer[0]);
        Assert.Equal(0xcc, buffer[3]);
    }

    [Fact]
    public void Processor_and_node_are_within_the_machine()
    {
        Assert.InRange(Bpf.GetSmpProcessorId(), 0u, (uint)Environment.ProcessorCount * 64);
        Assert.InRange(Bpf.GetNumaNodeId(), 0, 1023);
    }

    [Fact]
    public void Prandom_uses_all_32_bits()
    {
        uint any = 0;
        for (int i = 0; i < 256; i++)
            any |= Bpf.GetPrandomU32();

        Assert.Equal(uint.MaxValue, any);
    }
}
