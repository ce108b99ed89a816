namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Port scan detection by source network: a bitmap of destination ports per /8 updated with an atomic Or whose
/// result tells whether the port is new, and a count of distinct ports taken with an atomic increment.
/// </summary>
public static unsafe partial class ScanDetection
{
    public struct ScanState
    {
        public ulong PortBits;
        public uint DistinctPorts;
        public uint Packets;
    }

    static readonly HashMap<uint, ScanState> Networks = new(maxEntries: 256);

    static readonly uint DistinctPortLimit = 3;

    /// <summary>Drops traffic from a /8 once it has reached more than the limit of distinct destination ports (modulo 64).</summary>
    [Xdp]
    public static XdpAction DetectPortScans(XdpContext ctx)
    {
        if (!FlowParser.TryRead(ctx, out FiveTuple flow, out _))
            return XdpAction.Pass;
        uint network = flow.Source >> 24;
        ScanState* state = Networks.Lookup(network);
        if (state == null)
        {
            // The usual C pattern: insert a zero value if absent, then look it up again.
            Networks.Update(network, default, MapUpdateFlags.NoExist);
            state = Networks.Lookup(network);
            if (state == null)
                return XdpAction.Aborted;
        }
        state->Packets++;
        ulong bit = 1UL << (flow.DestinationPort & 63);
        ulong before = Interlocked.Or(ref state->PortBits, bit);
        uint distinct = (before & bit) == 0 ? Interlocked.Increment(ref state->DistinctPorts) : state->DistinctPorts;
        return distinct > DistinctPortLimit ? XdpAction.Drop : XdpAction.Pass;
    }
}
