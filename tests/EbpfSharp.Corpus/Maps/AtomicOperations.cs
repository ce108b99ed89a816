using EbpfSharp.Net;

namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Every <c>Interlocked</c> operation on map values, 64- and 32-bit, with the result used and ignored:
/// Exchange, CompareExchange, And, Or, Add.
/// </summary>
public static unsafe partial class AtomicOperations
{
    public struct Registers
    {
        public ulong LastLength;
        public ulong Owner;
        public ulong ProtocolBits;
        public long Balance;
        public uint Allowance;
        public int Signed;
        public uint Wraps;
        public uint EverSeen;
    }

    static readonly ArrayMap<Registers> State = new(maxEntries: 1);
    static readonly HashMap<uint, ulong> Seen = new(maxEntries: 1024);

    /// <summary>Starts with every protocol's allowance bit set, as a host would configure it.</summary>
    public static void Setup() => State.Update(0, new Registers { Allowance = 0xFFFFFFFF });

    /// <summary>Swaps in each frame's length; passes when the previous length was shorter. Also swaps a hash value without reading it.</summary>
    [Xdp]
    public static XdpAction ExchangeLengths(XdpContext ctx)
    {
        Registers* state = State.Lookup(0);
        if (state == null)
            return XdpAction.Aborted;
        ulong length = (ulong)ctx.Length;
        ulong previous = Interlocked.Exchange(ref state->LastLength, length);
        ulong* slot = Seen.Lookup((uint)ctx.Length & 0xF);
        if (slot != null)
            Interlocked.Exchange(ref *slot, length);
        else
            Seen.Update((uint)ctx.Length & 0xF, length);
        return previous < length ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>
    /// Claims the owner register for the first frame's first byte with CompareExchange (result used), and releases
    /// it with an unread CompareExchange when the same byte comes again.
    /// </summary>
    [Xdp]
    public static XdpAction ClaimOwner(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out ulong* head))
            return XdpAction.Pass;
        Registers* state = State.Lookup(0);
        if (state == null)
            return XdpAction.Aborted;
        ulong candidate = *head | 1;
        ulong owner = Interlocked.CompareExchange(ref state->Owner, candidate, 0);
        if (owner == 0)
            return XdpAction.Tx;
        if (owner == candidate)
        {
            Interlocked.CompareExchange(ref state->Owner, 0, candidate);
            return XdpAction.Drop;
        }
        return XdpAction.Pass;
    }

    /// <summary>
    /// Sends the first packet of each IP protocol back (64-bit Or, result used); a protocol's second packet takes its
    /// bit out of the allowance (32-bit And, result used), and later ones drop. Unread Or and And keep a record of
    /// the protocols seen, minus those with TTL 0.
    /// </summary>
    [Xdp]
    public static XdpAction ProtocolBits(XdpContext ctx)
    {
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip))
            return XdpAction.Pass;
        Registers* state = State.Lookup(0);
        if (state == null)
            return XdpAction.Aborted;
        uint bit = 1u << (ip->Protocol & 31);
        if (ip->Ttl == 0)
            Interlocked.And(ref state->EverSeen, ~bit);
        else
            Interlocked.Or(ref state->EverSeen, bit);
        ulong wideBit = 1UL << (ip->Protocol & 63);
        ulong seen = Interlocked.Or(ref state->ProtocolBits, wideBit);
        if ((seen & wideBit) == 0)
            return XdpAction.Tx;
        uint allowance = Interlocked.And(ref state->Allowance, ~bit);
        return (allowance & bit) != 0 ? XdpAction.Pass : XdpAction.Drop;
    }

    /// <summary>
    /// Signed 64- and 32-bit Add with the result used (the balance goes negative for short frames) and ignored,
    /// and a 32-bit counter that wraps around.
    /// </summary>
    [Xdp]
    public static XdpAction AddSigned(XdpContext ctx)
    {
        Registers* state = State.Lookup(0);
        if (state == null)
            return XdpAction.Aborted;
        long delta = ctx.Length - 100L;
        long balance = Interlocked.Add(ref state->Balance, delta);
        Interlocked.Add(ref state->Signed, ctx.Length < 64 ? -7 : 3);
        uint wraps = Interlocked.Add(ref state->Wraps, 0x10000000u);
        if (balance < 0)
            return XdpAction.Drop;
        return wraps == 0 ? XdpAction.Tx : XdpAction.Pass;
    }
}
