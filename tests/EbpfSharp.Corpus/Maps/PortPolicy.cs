namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// A verdict per well-known destination port in an array map of structs that <see cref="Setup"/> fills as a host
/// would; each rule counts its matches atomically.
/// </summary>
public static unsafe partial class PortPolicy
{
    public struct PortRule
    {
        public uint Verdict;
        public uint Matches;
    }

    const uint WellKnownPorts = 1024;

    static readonly ArrayMap<PortRule> Rules = new(maxEntries: (int)WellKnownPorts);

    /// <summary>Every well-known port passes except telnet and SSH (dropped) and DNS and echo (sent back).</summary>
    public static void Setup()
    {
        for (uint port = 0; port < WellKnownPorts; port++)
            Rules.Update(port, new PortRule { Verdict = (uint)XdpAction.Pass });
        Rules.Update(22, new PortRule { Verdict = (uint)XdpAction.Drop });
        Rules.Update(23, new PortRule { Verdict = (uint)XdpAction.Drop });
        Rules.Update(53, new PortRule { Verdict = (uint)XdpAction.Tx });
        Rules.Update(7, new PortRule { Verdict = (uint)XdpAction.Tx });
    }

    /// <summary>Applies the rule of a TCP or UDP destination port below 1024; other ports pass.</summary>
    [Xdp]
    public static XdpAction ApplyPortRules(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out _) || flow.DestinationPort >= WellKnownPorts)
            return XdpAction.Pass;
        PortRule* rule = Rules.Lookup(flow.DestinationPort);
        if (rule == null)
            return XdpAction.Aborted;
        Interlocked.Increment(ref rule->Matches);
        return (XdpAction)rule->Verdict;
    }
}
