using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>On a kernel built without CONFIG_KPROBES, attaching a kprobe says so and names what works instead.</summary>
public class KprobeUnavailableTests
{
    private static bool KernelHasKprobes => File.Exists("/sys/bus/event_source/devices/kprobe/type");

    [KernelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_kprobes_the_error_names_config_kprobes_and_the_alternatives(bool returnProbe)
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe, returnProbe ? "kretprobe/do_sys_openat2" : "kprobe/do_sys_openat2");
        if (KernelHasKprobes)
        {
            using var link = program.Attach();
            Assert.Equal(returnProbe ? BpfLinkKind.Kretprobe : BpfLinkKind.Kprobe, link.Kind);
            return;
        }

        var exception = Assert.Throws<BpfNotSupportedException>(() => program.Attach());

        Assert.Contains("CONFIG_KPROBES", exception.Message);
        Assert.Contains("do_sys_openat2", exception.Message);
        Assert.Contains("tracepoint", exception.Message);
        Assert.Contains("fentry", exception.Message);
        Assert.Contains("uprobe", exception.Message);
    }
}
