namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Per-CPU slots indexed by processor id, with the NUMA node.
public static unsafe class CountsPerCpuAndNode
{
    private static readonly ArrayMap<ulong> PerCpu = new(maxEntries: 512);

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        uint cpu = Bpf.GetSmpProcessorId();
        ulong* slot = PerCpu.Lookup(cpu);
        if (slot == null)
            return XdpAction.Pass;
        *slot += (ulong)(Bpf.GetNumaNodeId() + 1);
        return XdpAction.Pass;
    }
}
