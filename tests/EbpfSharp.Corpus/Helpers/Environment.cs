namespace EbpfSharp.Corpus.Helpers;

/// <summary>Clock, random, CPU and trace helpers used only in ways whose outcome is deterministic.</summary>
public static unsafe class EnvironmentHelpers
{
    /// <summary>Two readings of the monotonic clock never go backwards and are never zero.</summary>
    [Xdp]
    public static XdpAction MonotonicClock(XdpContext ctx)
    {
        ulong first = Bpf.KtimeGetNs();
        ulong second = Bpf.KtimeGetNs();
        if (second < first || first == 0)
            return XdpAction.Aborted;
        return XdpAction.Pass;
    }

    /// <summary>A random number with all its bits masked off but one forced on: the outcome is fixed.</summary>
    [Xdp]
    public static XdpAction MaskedRandom(XdpContext ctx)
    {
        uint r = Bpf.GetPrandomU32();
        uint fixedValue = (r & 0) | 0x40 | (r | ~r) & 1;
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[0] = (byte)fixedValue;
        return XdpAction.Tx;
    }

    /// <summary>The CPU number is below the kernel's NR_CPUS limit.</summary>
    [Xdp]
    public static XdpAction ProcessorId(XdpContext ctx)
    {
        uint cpu = Bpf.GetSmpProcessorId();
        return cpu < 8192 ? XdpAction.Pass : XdpAction.Aborted;
    }

    /// <summary>bpf_trace_printk with zero to three arguments; the verdict does not depend on what it returns.</summary>
    [Xdp]
    public static XdpAction Printk(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        Bpf.Printk("corpus: packet\n");
        Bpf.Printk("corpus: length %d\n", (ulong)ctx.Length);
        Bpf.Printk("corpus: type %x%x\n", data[12], data[13]);
        Bpf.Printk("corpus: mac %x %x %u\n", data[0], data[1], (ulong)ctx.IngressIfindex);
        return XdpAction.Pass;
    }

    /// <summary>The context's ingress device and queue: the loopback device, queue 0, in a test run.</summary>
    [Xdp]
    public static XdpAction IngressDevice(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 14 > ctx.DataEnd)
            return XdpAction.Aborted;
        data[0] = (byte)ctx.IngressIfindex;
        data[1] = (byte)ctx.RxQueueIndex;
        return ctx.IngressIfindex == 1 ? XdpAction.Pass : XdpAction.Drop;
    }
}
