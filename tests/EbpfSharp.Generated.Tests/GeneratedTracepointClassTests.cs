using System.Diagnostics;
using EbpfSharp.Generated.Tests.Programs;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Generated.Tests;

/// <summary>A raw tracepoint program class: Attach() goes where the attribute says.</summary>
public class GeneratedTracepointClassTests
{
    [KernelFact]
    public void Attach_uses_the_tracepoint_the_attribute_names_and_counts_this_process()
    {
        var opened = SyscallCounter.Open();
        opened.Config.WatchedProcess = (uint)Environment.ProcessId;
        using SyscallCounter.Loaded counter = opened.Load();
        Assert.Equal("sys_enter", counter.OnEnter.Tracepoint);

        using (counter.OnEnter.Attach())
        {
            for (int i = 0; i < 20; i++)
                File.Exists($"/nonexistent/{i}");
        }

        Assert.True(counter.Calls >= 20, $"counted {counter.Calls} system calls of this process");
        Assert.Equal((uint)Environment.ProcessId, counter.WatchedProcess);
    }

    [KernelFact]
    public void A_disposed_link_stops_at_once_while_other_threads_start_processes()
    {
        // A child process holds copies of the parent's descriptors from fork until exec; without waiting for the
        // kernel to free the link, about 1 round in 20 here counted system calls after Dispose.
        var opened = SyscallCounter.Open();
        opened.Config.WatchedProcess = (uint)Environment.ProcessId;
        using var counter = opened.Load();
        using var stop = new CancellationTokenSource();
        var spawners = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
                process.WaitForExit();
            }
        })).ToArray();

        int late = 0;
        try
        {
            for (int round = 0; round < 150; round++)
            {
                var link = counter.OnEnter.Attach();
                File.Exists("/nonexistent");
                link.Dispose();
                ulong before = counter.Calls;
                for (int i = 0; i < 200; i++)
                    File.Exists("/nonexistent");
                if (counter.Calls != before)
                    late++;
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(spawners);
        }

        Assert.Equal(0, late);
    }
}
