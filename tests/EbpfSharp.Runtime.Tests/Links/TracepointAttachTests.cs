using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

public class TracepointAttachTests
{
    [KernelFact]
    public void A_tracepoint_program_counts_exactly_this_threads_getpid_calls_until_disposed()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.RunsOnThread(counter, BpfProgramType.Tracepoint, Environment.ProcessId, LibC.GetThreadId());

        var link = program.AttachTracepoint("syscalls", "sys_enter_getpid");
        CallGetPid(50);
        ulong counted = counter.ReadCounter();
        link.Dispose();
        CallGetPid(50);

        Assert.Equal(BpfLinkKind.Tracepoint, link.Kind);
        Assert.Equal(50UL, counted);
        Assert.Equal(50UL, counter.ReadCounter());
    }

    [KernelFact]
    public void A_raw_tracepoint_on_sys_enter_sees_this_threads_system_calls()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.RunsOnThread(counter, BpfProgramType.RawTracepoint, Environment.ProcessId, LibC.GetThreadId());

        var link = program.AttachRawTracepoint("sys_enter");
        CallGetPid(20);
        ulong counted = counter.ReadCounter();
        link.Dispose();
        // The lookup and the close() that detached are system calls too, seen before the detach.
        ulong countedAfterDispose = counter.ReadCounter();
        CallGetPid(20);

        Assert.Equal(BpfLinkKind.RawTracepoint, link.Kind);
        Assert.InRange(counted, 20UL, 1000UL);
        Assert.Equal(countedAfterDispose, counter.ReadCounter());
    }

    [KernelFact]
    public void An_unknown_tracepoint_is_not_found_and_similar_names_are_listed()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);

        var exception = Assert.Throws<BpfNotFoundException>(() => program.AttachTracepoint("syscalls", "sys_enter_getpidd"));

        Assert.Contains("syscalls/sys_enter_getpidd", exception.Message);
        Assert.Contains("sys_enter_getpid", exception.Message.Split("similar names:")[1]);
    }

    [KernelFact]
    public void An_unknown_tracepoint_category_is_not_found_and_named()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);

        var exception = Assert.Throws<BpfNotFoundException>(() => program.AttachTracepoint("syscallz", "sys_enter_getpid"));

        Assert.Contains("no tracepoint category 'syscallz'", exception.Message);
        Assert.Contains("syscalls", exception.Message);
    }

    [KernelFact]
    public void A_tracepoint_name_cannot_leave_the_events_directory()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);

        Assert.Throws<ArgumentException>(() => program.AttachTracepoint("..", "trace"));
        Assert.Throws<ArgumentException>(() => program.AttachTracepoint("syscalls", "../sched/sched_switch"));
    }

    [KernelFact]
    public void An_unknown_raw_tracepoint_is_not_found()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.RawTracepoint);

        var exception = Assert.Throws<BpfNotFoundException>(() => program.AttachRawTracepoint("ebpfsharp_no_such_tracepoint"));

        Assert.Contains("ebpfsharp_no_such_tracepoint", exception.Message);
    }

    [KernelFact]
    public void A_tracepoint_needs_a_tracepoint_program()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        var exception = Assert.Throws<InvalidOperationException>(() => program.AttachTracepoint("syscalls", "sys_enter_getpid"));

        Assert.Contains("needs a program of type Tracepoint", exception.Message);
    }

    [KernelFact]
    public void A_tracepoint_link_cannot_be_detached_while_open_and_says_to_dispose()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);
        using var link = program.AttachTracepoint("syscalls", "sys_enter_getpid");

        var exception = Assert.Throws<BpfNotSupportedException>(link.Detach);

        Assert.Contains("Dispose", exception.Message);
    }

    private static void CallGetPid(int times)
    {
        for (int i = 0; i < times; i++)
            LibC.GetPid();
    }
}
