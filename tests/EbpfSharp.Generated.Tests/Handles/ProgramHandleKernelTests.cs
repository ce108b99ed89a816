using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Generated.Tests.Handles;

/// <summary>
/// The typed handles the generator writes for kprobe, uprobe, tracepoint and fentry programs, on programs loaded
/// from instructions: each attaches where its attribute says, runs the handler where asked, and the loaded object
/// detaches what they attached when it is disposed.
/// </summary>
public class ProgramHandleKernelTests
{
    private static bool HasKprobes => Directory.Exists("/sys/bus/event_source/devices/kprobe");

    [KernelFact]
    public void A_kprobe_handle_attaches_to_its_function_or_passes_on_the_runtime_message_about_CONFIG_KPROBES()
    {
        using var loaded = ProbeObjects.LoadProbes();
        var entry = new KprobeProgram(loaded, loaded.Object.Program("count_kprobe"), "do_sys_openat2", offset: 0, isReturnProbe: false);
        var exit = new KprobeProgram(loaded, loaded.Object.Program("count_kretprobe"), "do_sys_openat2", offset: 0, isReturnProbe: true);
        Assert.Equal(("do_sys_openat2", 0ul, false), (entry.Function, entry.Offset, entry.IsReturnProbe));
        Assert.True(exit.IsReturnProbe);

        if (HasKprobes)
        {
            using var entryLink = entry.Attach();
            using var exitLink = exit.Attach("do_sys_openat2");
            File.Exists("/nonexistent");   // no open; the links just have to be made
            Assert.Equal(BpfLinkKind.Kprobe, entryLink.Kind);
            Assert.Equal(BpfLinkKind.Kretprobe, exitLink.Kind);
            return;
        }

        var expected = Assert.Throws<BpfNotSupportedException>(() => entry.Program.AttachKprobe("do_sys_openat2"));
        var fromAttribute = Assert.Throws<BpfNotSupportedException>(entry.Attach);
        var explicitTarget = Assert.Throws<BpfNotSupportedException>(() => entry.Attach("do_sys_openat2"));
        Assert.Equal(expected.Message, fromAttribute.Message);
        Assert.Equal(expected.Message, explicitTarget.Message);
        Assert.Contains("CONFIG_KPROBES", fromAttribute.Message);
        Assert.Contains("kretprobe on do_sys_openat2", Assert.Throws<BpfNotSupportedException>(exit.Attach).Message);
    }

    [KernelFact("gcc")]
    public void A_kprobe_handle_runs_its_handler_on_user_code_as_a_uprobe_or_a_uretprobe()
    {
        using var loaded = ProbeObjects.LoadProbes();
        var entry = new KprobeProgram(loaded, loaded.Object.Program("count_kprobe"), "do_sys_openat2", offset: 0, isReturnProbe: false);
        var exit = new KprobeProgram(loaded, loaded.Object.Program("count_kretprobe"), "do_sys_openat2", offset: 0, isReturnProbe: true);
        string library = ProbeObjects.TargetLibrary;

        using var entryLink = entry.AttachUprobe(library, "ebpfsharp_kprobe_as_uprobe", Environment.ProcessId);
        using var exitLink = exit.AttachUprobe(library, "ebpfsharp_kprobe_as_uprobe", Environment.ProcessId);
        ProbeObjects.CallTarget("ebpfsharp_kprobe_as_uprobe", 3);

        Assert.Equal(BpfLinkKind.Uprobe, entryLink.Kind);
        Assert.Equal(BpfLinkKind.Uretprobe, exitLink.Kind);
        Assert.Equal(3ul, loaded.Hits("count_kprobe"));
        Assert.Equal(3ul, loaded.Hits("count_kretprobe"));
    }

    [KernelFact("gcc")]
    public void A_uprobe_handle_attaches_to_the_attribute_target_and_detaches_with_the_loaded_object()
    {
        var loaded = ProbeObjects.LoadProbes();
        string library = ProbeObjects.TargetLibrary;
        var entry = new UprobeProgram(loaded, loaded.Object.Program("count_uprobe"), library, "ebpfsharp_uprobe_target", offset: 0, isReturnProbe: false);
        var exit = new UprobeProgram(loaded, loaded.Object.Program("count_uretprobe"), library, "ebpfsharp_uprobe_target", offset: 0, isReturnProbe: true);

        var entryLink = entry.Attach(Environment.ProcessId);
        var exitLink = exit.Attach(Environment.ProcessId);
        ProbeObjects.CallTarget("ebpfsharp_uprobe_target", 2);
        Assert.Equal(BpfLinkKind.Uprobe, entryLink.Kind);
        Assert.Equal(BpfLinkKind.Uretprobe, exitLink.Kind);
        Assert.Equal(2ul, loaded.Hits("count_uprobe"));
        Assert.Equal(2ul, loaded.Hits("count_uretprobe"));

        loaded.Dispose();

        Assert.True(entryLink.IsDisposed);
        Assert.True(exitLink.IsDisposed);
    }

    [KernelFact("gcc")]
    public void A_uprobe_handle_without_an_attribute_target_asks_for_one_and_attaches_where_told()
    {
        using var loaded = ProbeObjects.LoadProbes();
        var entry = new UprobeProgram(loaded, loaded.Object.Program("count_uprobe"), binary: null, symbol: null, offset: 0, isReturnProbe: false);
        var exit = new UprobeProgram(loaded, loaded.Object.Program("count_uretprobe"), binary: null, symbol: null, offset: 0, isReturnProbe: true);
        Assert.Null(entry.Binary);
        Assert.Null(entry.Symbol);

        var missing = Assert.Throws<InvalidOperationException>(() => entry.Attach());
        Assert.Contains("'count_uprobe' has [Uprobe] without a binary and symbol", missing.Message);
        Assert.Contains("count_uprobe.Attach(\"/path/to/binary\", \"function\")", missing.Message);
        Assert.Contains("[Uretprobe]", Assert.Throws<InvalidOperationException>(() => exit.Attach()).Message);

        string library = ProbeObjects.TargetLibrary;
        using var entryLink = entry.Attach(library, "ebpfsharp_uprobe_told", Environment.ProcessId);
        using var exitLink = exit.Attach(library, "ebpfsharp_uprobe_told", Environment.ProcessId);
        ProbeObjects.CallTarget("ebpfsharp_uprobe_told", 4);

        Assert.Equal(BpfLinkKind.Uretprobe, exitLink.Kind);
        Assert.Equal(4ul, loaded.Hits("count_uprobe"));
        Assert.Equal(4ul, loaded.Hits("count_uretprobe"));
        Assert.Throws<ArgumentException>(() => exit.Attach(library, "ebpfsharp_uprobe_told", offset: 4));
    }

    [KernelFact]
    public void A_tracepoint_handle_attaches_to_its_category_and_name()
    {
        var loaded = ProbeObjects.LoadProbes();
        var handle = new TracepointProgram(loaded, loaded.Object.Program("count_tracepoint"), "syscalls", "sys_enter_getpid");
        Assert.Equal(("syscalls", "sys_enter_getpid", "count_tracepoint"), (handle.Category, handle.Tracepoint, handle.Name));

        var link = handle.Attach();
        ProbeObjects.CallGetPid(5);
        ulong hits = loaded.Hits("count_tracepoint");
        loaded.Dispose();

        Assert.Equal(BpfLinkKind.Tracepoint, link.Kind);
        Assert.Equal(5ul, hits);
        Assert.True(link.IsDisposed);
    }

    [KernelFact]
    public void A_tracing_handle_attaches_where_the_program_section_says_and_the_loaded_object_detaches_it()
    {
        // fentry/fexit programs do not load on every kernel (EPERM without ftrace direct calls), so this checks what
        // the handle adds to BpfProgram.Attach() (tracking) on a program whose section attaches anywhere.
        var loaded = ProbeObjects.LoadProbes();
        using var program = BpfProgram.Load(ProgramDefinition.FromInstructions("on_enter", Object.BpfProgramType.RawTracepoint,
            [Object.Instructions.Alu64.Mov.Imm(Object.Instructions.Register.R0, 0), Object.Instructions.Jmp.Exit()]) with { SectionName = "raw_tp/sys_enter" });
        var handle = new TracingProgram(loaded, program, "do_unlinkat", isExit: true);
        Assert.Equal(("do_unlinkat", true), (handle.Function, handle.IsExit));

        var link = handle.Attach();
        loaded.Dispose();

        Assert.Equal(BpfLinkKind.RawTracepoint, link.Kind);
        Assert.True(link.IsDisposed);
    }

    [KernelFact]
    public void Return_probes_take_no_offset_and_uprobes_name_both_binary_and_symbol_or_neither()
    {
        using var loaded = ProbeObjects.LoadProbes();
        var kretprobe = loaded.Object.Program("count_kretprobe");
        var uprobe = loaded.Object.Program("count_uprobe");

        Assert.Equal("offset", Assert.Throws<ArgumentException>(() => new KprobeProgram(loaded, kretprobe, "vfs_read", offset: 8, isReturnProbe: true)).ParamName);
        Assert.Equal("symbol", Assert.Throws<ArgumentException>(() => new UprobeProgram(loaded, uprobe, "libc.so.6", null, 0, false)).ParamName);
        Assert.Equal("binary", Assert.Throws<ArgumentException>(() => new UprobeProgram(loaded, uprobe, null, "malloc", 0, false)).ParamName);
        Assert.Throws<ArgumentException>(() => new TracepointProgram(loaded, loaded.Object.Program("count_tracepoint"), "syscalls", ""));
    }
}
