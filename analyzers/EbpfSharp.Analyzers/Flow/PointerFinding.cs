using Microsoft.CodeAnalysis;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>What the pointer flow found wrong with one use of a pointer.</summary>
internal enum FindingKind
{
    /// <summary>A packet access on a path with no comparison against <c>ctx.DataEnd</c> at all (EBPF0015).</summary>
    PacketNoCheck,

    /// <summary>A packet access past the bytes the dominating checks prove (EBPF0015).</summary>
    PacketOutOfRange,

    /// <summary>A packet pointer used after <c>Bpf.XdpAdjustHead/Tail/Meta</c> invalidated it (EBPF0015).</summary>
    PacketStale,

    /// <summary>A <c>TryGet</c> out pointer used where the call returned false (EBPF0015).</summary>
    TryGetFailed,

    /// <summary>A <c>TryGet</c> out pointer used after a call whose result was thrown away (EBPF0015).</summary>
    TryGetUnchecked,

    /// <summary>A map method's possibly-null result dereferenced (EBPF0016).</summary>
    NullDereference,

    /// <summary>A map method's possibly-null result passed to a helper or map method (EBPF0016).</summary>
    NullArgument,

    /// <summary>Pointer arithmetic on a map method's possibly-null result (EBPF0016).</summary>
    NullArithmetic,
}

/// <summary>
/// One finding: <see cref="Node"/> is the access (or argument), <see cref="Pointer"/> the pointer's source text,
/// <see cref="Site"/> the call that produced it (TryGet, Lookup, Reserve, an XdpAdjust helper), and for range
/// findings the accessed end offset and the proven length, both from <c>ctx.Data</c> (<see cref="FromData"/>) or
/// from a variable-offset TryGet result.
/// </summary>
internal readonly record struct PointerFinding(FindingKind Kind, SyntaxNode Node, string Pointer, SyntaxNode? Site, long AccessEnd, long Proven, bool FromData)
{
    public bool IsPacketRule => Kind is FindingKind.PacketNoCheck or FindingKind.PacketOutOfRange or FindingKind.PacketStale or FindingKind.TryGetFailed or FindingKind.TryGetUnchecked;
}
