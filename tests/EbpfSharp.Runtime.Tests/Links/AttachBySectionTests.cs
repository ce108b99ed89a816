using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

public class AttachBySectionTests(ProbeTargets targets) : IClassFixture<ProbeTargets>
{
    [KernelTheory]
    [InlineData("tracepoint/syscalls/sys_enter_getpid")]
    [InlineData("tp/syscalls/sys_enter_getpid")]
    public void A_tracepoint_section_attaches_to_its_tracepoint(string section)
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.RunsOnThread(counter, BpfProgramType.Tracepoint, Environment.ProcessId, LibC.GetThreadId(), section);

        using var link = program.Attach();
        LibC.GetPid();
        LibC.GetPid();

        Assert.Equal(BpfLinkKind.Tracepoint, link.Kind);
        Assert.Contains("syscalls/sys_enter_getpid", link.Description);
        Assert.Equal(2UL, counter.ReadCounter());
    }

    [KernelFact]
    public void A_raw_tracepoint_section_attaches_to_its_tracepoint()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.RawTracepoint, "raw_tp/sys_enter");

        using var link = program.Attach();

        Assert.Equal(BpfLinkKind.RawTracepoint, link.Kind);
        Assert.Contains("sys_enter", link.Description);
    }

    [KernelTheory("gcc")]
    [InlineData("uprobe", BpfLinkKind.Uprobe)]
    [InlineData("uretprobe", BpfLinkKind.Uretprobe)]
    public void A_uprobe_section_attaches_to_the_binary_and_function_it_names(string prefix, BpfLinkKind kind)
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe, $"{prefix}/{targets.ExecutablePath}:{ProbeTargets.Function}");

        using var link = program.Attach();
        targets.RunExecutable(4);

        Assert.Equal(kind, link.Kind);
        Assert.Equal(4UL, counter.ReadCounter());
    }

    [KernelFact]
    public void A_kprobe_section_with_an_offset_that_is_not_a_number_is_refused()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe, "kprobe/do_sys_openat2+zz");

        var exception = Assert.Throws<InvalidOperationException>(program.Attach);

        Assert.Contains("'zz'", exception.Message);
    }

    [KernelFact]
    public void An_xdp_section_does_not_say_where_to_attach()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Xdp, "xdp");

        var exception = Assert.Throws<InvalidOperationException>(program.Attach);

        Assert.Contains("AttachXdp", exception.Message);
    }

    [KernelFact]
    public void A_program_without_a_section_name_asks_for_an_explicit_attach()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);

        var exception = Assert.Throws<InvalidOperationException>(program.Attach);

        Assert.Contains("AttachTracepoint", exception.Message);
    }

    [KernelFact]
    public void A_tracepoint_section_without_a_category_is_refused()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint, "tracepoint/sys_enter_getpid");

        var exception = Assert.Throws<InvalidOperationException>(program.Attach);

        Assert.Contains("tracepoint/<category>/<name>", exception.Message);
    }
}
