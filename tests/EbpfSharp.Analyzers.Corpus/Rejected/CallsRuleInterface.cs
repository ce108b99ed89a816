namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Calls a rule through an interface-typed local.
public static unsafe class CallsRuleInterface
{
    private interface IRule
    {
        bool Matches(byte protocol);
    }

    private struct UdpRule : IRule
    {
        public bool Matches(byte protocol) => protocol == 17;
    }

    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* data = ctx.Data;
        if (data + 24 > ctx.DataEnd)
            return XdpAction.Pass;
        IRule rule = new UdpRule();
        return rule.Matches(data[23]) ? XdpAction.Drop : XdpAction.Pass; // EBPF0006
    }
}
