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
}
