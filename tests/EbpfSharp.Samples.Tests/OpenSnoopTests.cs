using System.Runtime.InteropServices;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using OpenSnoopSample;

namespace EbpfSharp.Samples.Tests;

public class OpenSnoopTests
{
    // Same shape as do_sys_openat2's first two parameters, so the [Kprobe] handler's typed parameters read them.
    private const string OpenLike = """
        __attribute__((noinline)) int ebpfsharp_open_like(int dfd, const char *filename) { return dfd + (filename != 0); }
        """;

    [KernelFact]
    public async Task The_tracepoint_program_reports_the_exact_paths_this_test_opens_in_order()
    {
        var directory = Directory.CreateTempSubdirectory("opensnoop-test-");
        string[] paths = [.. Enumerable.Range(0, 5).Select(i => Path.Combine(directory.FullName, $"open-{i}-{Guid.NewGuid():N}.txt"))];
        var opened = OpenSnoop.Open();
        opened.Config.TargetPid = (uint)Environment.ProcessId;
        using var snoop = opened.Load();
        snoop.OnOpenat.Attach();
        try
        {
            foreach (var path in paths)
                File.WriteAllText(path, path);   // open(O_CREAT), which glibc makes openat
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var record in snoop.Events.ReadAllAsync(timeout.Token))
        {
            Assert.Equal((uint)Environment.ProcessId, record.Pid);
            if (record.PathText.StartsWith(directory.FullName, StringComparison.Ordinal))
                seen.Add(record.PathText);
            if (seen.Count == paths.Length)
                break;
        }

        Assert.Equal(paths, seen);
        Assert.Equal(0ul, snoop.Dropped);
    }

    [KernelFact]
    public void The_kprobe_variant_loads_and_attaching_it_here_says_the_kernel_has_no_kprobes()
    {
        using var snoop = OpenSnoop.Load();
        Assert.True(snoop.OnOpen.Program.InstructionCount > 0);   // the verifier accepted it as a kprobe program

        if (Directory.Exists("/sys/bus/event_source/devices/kprobe"))
            return;   // a kernel with kprobes attaches it; this machine's has none
        var error = Assert.Throws<BpfNotSupportedException>(() => snoop.OnOpen.Attach());
        Assert.Contains("CONFIG_KPROBES", error.Message);
        Assert.Contains("tracepoint", error.Message);
    }

    [KernelFact("gcc")]
    public async Task The_kprobe_handler_runs_through_a_uprobe_and_reads_its_typed_arguments()
    {
        string library = NativeCode.Library(OpenLike);
        var function = NativeCode.Function(OpenLike, "ebpfsharp_open_like");
        var opened = OpenSnoop.Open();
        opened.Config.TargetPid = (uint)Environment.ProcessId;
        using var snoop = opened.Load();
        snoop.OnOpen.AttachUprobe(library, "ebpfsharp_open_like", Environment.ProcessId);

        string path = $"/not/opened/{Guid.NewGuid():N}";
        CallOpenLike(function, path);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var record in snoop.Events.ReadAllAsync(timeout.Token))
        {
            if (record.PathText == path)
                return;
        }
    }

    private static unsafe void CallOpenLike(nint function, string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* text = bytes)
            ((delegate* unmanaged<int, byte*, int>)function)(-100, text);
    }

    [KernelFact]
    public async Task The_demo_prints_its_own_three_files()
    {
        var output = new StringWriter();

        int exitCode = await SnoopApp.RunAsync(["--demo"], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Tracing opens of process", text);
        for (int i = 0; i < 3; i++)
            Assert.Matches($@"opensnoop-demo-[^/\s]+/file{i}\.txt", text);
        Assert.Contains("Events lost because the ring buffer was full: 0.", text);
    }
}
