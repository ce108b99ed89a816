using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

public class KprobeAttachTests
{
    private static bool KernelHasKprobes => File.Exists("/sys/bus/event_source/devices/kprobe/type");

    [KernelFact]
    public void A_kprobe_attaches_where_the_kernel_has_kprobes_and_explains_config_kprobes_where_it_does_not()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        if (KernelHasKprobes)
        {
            using var link = program.AttachKprobe("do_sys_openat2");
            File.Exists("/proc/self/status");
            Assert.Equal(BpfLinkKind.Kprobe, link.Kind);
        }
        else
        {
            var exception = Assert.Throws<BpfNotSupportedException>(() => program.AttachKprobe("do_sys_openat2"));
            Assert.Contains("CONFIG_KPROBES", exception.Message);
            Assert.Contains("tracepoint", exception.Message);
        }
    }

    [KernelFact]
    public void A_kprobe_on_a_function_the_kernel_does_not_have_is_not_found_or_not_supported()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        var exception = Assert.ThrowsAny<BpfException>(() => program.AttachKprobe("ebpfsharp_no_such_function"));

        Assert.IsType(KernelHasKprobes ? typeof(BpfNotFoundException) : typeof(BpfNotSupportedException), exception);
    }

    [KernelFact]
    public void A_kprobe_needs_a_kprobe_type_program()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);

        var exception = Assert.Throws<InvalidOperationException>(() => program.AttachKprobe("do_sys_openat2"));

        Assert.Contains("needs a program of type Kprobe", exception.Message);
    }
}
