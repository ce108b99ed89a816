using EbpfSharp.Generated.Tests.Handles;
using EbpfSharp.Generated.Tests.Programs;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Generated.Tests;

/// <summary>A class of tracepoint, uprobe and kprobe programs, compiled by the build and driven through its generated class.</summary>
public class GeneratedTracingClassTests
{
    private static OpenSnoop.Loaded LoadWatchingThisProcess()
    {
        var opened = OpenSnoop.Open();
        opened.Config.WatchedProcess = (uint)Environment.ProcessId;
        return opened.Load();
    }

    [KernelFact]
    public async Task The_tracepoint_attaches_from_the_attribute_and_its_events_stream_through_ReadAllAsync()
    {
        using var snoop = LoadWatchingThisProcess();
        Assert.IsType<TracepointProgram>(snoop.OnOpen);
        Assert.Equal(("syscalls", "sys_enter_openat"), (snoop.OnOpen.Category, snoop.OnOpen.Tracepoint));
        string path = Path.Combine(Path.GetTempPath(), $"ebpfsharp-snoop-{Environment.ProcessId}");
        File.WriteAllText(path, "x");

        using (snoop.OnOpen.Attach())
            File.ReadAllText(path);   // openat, on this thread; the record is in the ring before it returns

        // Only a guard against a hang if the record never came: it is already waiting.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        OpenSnoop.OpenEvent found = default;
        await foreach (OpenSnoop.OpenEvent e in snoop.Events.ReadAllAsync(guard.Token))
        {
            if (PathOf(e) == path)
            {
                found = e;
                break;
            }
        }
        File.Delete(path);

        Assert.Equal((uint)Environment.ProcessId, found.Pid);
        Assert.Equal(0ul, snoop.Dropped);
    }

    [KernelFact("gcc")]
    public void Uprobes_without_a_target_attach_where_told_and_the_return_probe_sees_the_return_value()
    {
        using var snoop = LoadWatchingThisProcess();
        Assert.False(snoop.OnGetPid.IsReturnProbe);
        Assert.True(snoop.OnGetPidReturn.IsReturnProbe);
        Assert.Contains("without a binary and symbol", Assert.Throws<InvalidOperationException>(() => snoop.OnGetPid.Attach()).Message);
        string library = ProbeObjects.TargetLibrary;

        snoop.OnGetPid.Attach(library, "ebpfsharp_generated_uprobe", Environment.ProcessId);
        snoop.OnGetPidReturn.Attach(library, "ebpfsharp_generated_uprobe", Environment.ProcessId);
        ProbeObjects.CallTarget("ebpfsharp_generated_uprobe", 3);

        Assert.Equal(3ul, snoop.GetPidCalls);
        Assert.Equal(3ul, snoop.GetPidReturns);
    }

    [KernelFact("gcc")]
    public void The_kprobe_attaches_from_the_attribute_or_says_the_kernel_lacks_kprobes_and_runs_on_user_code_as_a_uprobe()
    {
        using var snoop = LoadWatchingThisProcess();
        Assert.Equal(("do_sys_openat2", false), (snoop.OnOpenKprobe.Function, snoop.OnOpenKprobe.IsReturnProbe));

        if (Directory.Exists("/sys/bus/event_source/devices/kprobe"))
            Assert.Equal(BpfLinkKind.Kprobe, snoop.OnOpenKprobe.Attach().Kind);
        else
            Assert.Contains("CONFIG_KPROBES", Assert.Throws<BpfNotSupportedException>(() => snoop.OnOpenKprobe.Attach()).Message);

        ulong before = snoop.KprobeHandlerRuns;
        snoop.OnOpenKprobe.AttachUprobe(ProbeObjects.TargetLibrary, "ebpfsharp_generated_kprobe", Environment.ProcessId);
        ProbeObjects.CallTarget("ebpfsharp_generated_kprobe", 2);

        Assert.Equal(2ul, snoop.KprobeHandlerRuns - before);
    }

    private static unsafe string PathOf(OpenSnoop.OpenEvent e)
    {
        var bytes = new ReadOnlySpan<byte>(e.Path, 64);
        int end = bytes.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
