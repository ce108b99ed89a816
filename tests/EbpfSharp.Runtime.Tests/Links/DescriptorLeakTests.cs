using EbpfSharp.Object;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>
/// Attach and dispose cycles must not leak descriptors. Each detach waits for a kernel RCU grace period
/// (perf links: synchronize_rcu_tasks_trace in kernel/trace/bpf_trace.c, perf_event_detach_bpf_prog; XDP:
/// under rtnl_lock), about 10-30 ms on a small VM, so the thousand perf-event cycles run on many threads
/// and the XDP cycles are fewer. A long-lived link on the same hook keeps its static key enabled, so the
/// cycles do not also patch kernel text each time.
/// </summary>
[Collection(SerialCollection.Name)]
public class DescriptorLeakTests
{
    [KernelFact]
    public void A_thousand_tracepoint_load_attach_dispose_cycles_leave_the_descriptor_count_unchanged()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var warm = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);
        using var warmLink = warm.AttachTracepoint("syscalls", "sys_enter_getpid");
        OnThreads(threads: 2, cyclesEach: 1, TracepointCycle);
        var before = DescriptorSnapshot.TakeBaseline();

        OnThreads(threads: 25, cyclesEach: 40, TracepointCycle);

        before.AssertUnchanged();

        void TracepointCycle()
        {
            using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);
            using var link = program.AttachTracepoint("syscalls", "sys_enter_getpid");
        }
    }

    [KernelFact]
    public void A_thousand_raw_tracepoint_load_attach_dispose_cycles_leave_the_descriptor_count_unchanged()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var warm = CounterPrograms.EveryRun(counter, BpfProgramType.RawTracepoint);
        using var warmLink = warm.AttachRawTracepoint("sys_enter");
        RawTracepointCycle();
        var before = DescriptorSnapshot.TakeBaseline();

        for (int i = 0; i < 1000; i++)
            RawTracepointCycle();

        before.AssertUnchanged();

        void RawTracepointCycle()
        {
            using var program = CounterPrograms.EveryRun(counter, BpfProgramType.RawTracepoint);
            using var link = program.AttachRawTracepoint("sys_enter");
        }
    }

    [KernelFact]
    public void Xdp_load_attach_dispose_cycles_on_a_veth_leave_the_descriptor_count_unchanged()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var warm = CounterPrograms.UdpPortCounter(counter, 9);
        using var warmLink = pair.NamespaceA.Run(() => warm.AttachXdp(pair.InterfaceA, XdpAttachMode.Generic));

        pair.NamespaceB.Run(() =>
        {
            XdpCycle();
            var before = DescriptorSnapshot.TakeBaseline();
            for (int i = 0; i < 100; i++)
                XdpCycle();
            before.AssertUnchanged();
        });

        void XdpCycle()
        {
            using var program = CounterPrograms.UdpPortCounter(counter, 9);
            using var link = program.AttachXdp(pair.InterfaceB, XdpAttachMode.Generic);
        }
    }

    [KernelFact("gcc")]
    public void Failed_attaches_leave_the_descriptor_count_unchanged()
    {
        using var targets = new ProbeTargets();
        string library = targets.LibraryPath;
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var xdp = CounterPrograms.UdpPortCounter(counter, 9);
        using var other = CounterPrograms.UdpPortCounter(counter, 9);
        using var probe = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);
        using var tracepoint = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);
        using var rawTracepoint = CounterPrograms.EveryRun(counter, BpfProgramType.RawTracepoint);
        using var attached = pair.AttachXdp(xdp, XdpAttachMode.Generic);
        Action[] failures =
        [
            () => xdp.AttachXdp("no-such-if0"),
            () => pair.AttachXdp(other, XdpAttachMode.Generic),                   // conflict, refused by the kernel
            () => tracepoint.AttachTracepoint("syscalls", "sys_enter_nothing"),
            () => rawTracepoint.AttachRawTracepoint("ebpfsharp_nothing"),
            () => probe.AttachUprobe(library, "no_such_function"),
            () => probe.AttachUprobe(library, fileOffset: 1UL << 40),             // perf_event_open refuses the offset
            () => probe.AttachUprobe(library, ProbeTargets.Function, processId: int.MaxValue),
            () => probe.AttachKprobe("ebpfsharp_no_such_function"),
        ];
        RunAll(failures);
        var before = DescriptorSnapshot.TakeBaseline();

        for (int i = 0; i < 50; i++)
            RunAll(failures);

        before.AssertUnchanged();
    }

    private static void RunAll(IEnumerable<Action> failures)
    {
        foreach (var failure in failures)
            Assert.ThrowsAny<Exception>(failure);
    }

    // Dedicated threads: the thread pool would add threads too slowly to overlap the kernel's waits.
    private static void OnThreads(int threads, int cyclesEach, Action cycle)
    {
        Exception? failure = null;
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            try
            {
                for (int i = 0; i < cyclesEach; i++)
                    cycle();
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref failure, exception, null);
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        if (failure is not null)
            throw new AggregateException(failure);
    }
}
