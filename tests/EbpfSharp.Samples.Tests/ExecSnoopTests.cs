using System.Diagnostics;
using EbpfSharp.TestSupport;
using ExecSnoopSample;

namespace EbpfSharp.Samples.Tests;

public class ExecSnoopTests
{
    [KernelFact]
    public async Task An_exec_reports_its_file_arguments_and_this_process_as_parent_read_with_CO_RE()
    {
        using var snoop = ExecSnoop.Load();
        snoop.OnExecve.Attach();
        string marker = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("/bin/echo") { RedirectStandardOutput = true };
        start.ArgumentList.Add("first");
        start.ArgumentList.Add(marker);
        using (var child = Process.Start(start)!)
        {
            child.StandardOutput.ReadToEnd();
            child.WaitForExit();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var record in snoop.Events.ReadAllAsync(timeout.Token))
        {
            if (!record.ArgumentTexts.Contains(marker))
                continue;
            Assert.Equal("/bin/echo", record.FilenameText);
            Assert.Equal(["/bin/echo", "first", marker], record.ArgumentTexts);
            Assert.Equal((uint)Environment.ProcessId, record.ParentPid);   // task->real_parent->tgid, relocated at load
            return;
        }
    }

    [KernelFact]
    public async Task The_demo_shows_the_three_programs_it_starts()
    {
        var output = new StringWriter();

        int exitCode = await SnoopApp.RunAsync(["--demo"], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("/bin/echo hello from ExecSnoop", text);
        Assert.Contains("/bin/true", text);
        Assert.Contains("/bin/sh -c exit 0", text);
        Assert.Contains($" {Environment.ProcessId} ", text);
    }
}
