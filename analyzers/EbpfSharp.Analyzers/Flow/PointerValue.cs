using System;
using Microsoft.CodeAnalysis;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>What the pointer flow knows about a pointer value.</summary>
internal enum PointerKind
{
    /// <summary>Nothing: not a pointer the rules track (stack, parameters, unknown arithmetic). Never reported.</summary>
    Unknown,

    /// <summary><c>ctx.Data + Offset</c> of packet generation <see cref="PointerValue.Generation"/>.</summary>
    Packet,

    /// <summary><c>ctx.DataEnd</c> of packet generation <see cref="PointerValue.Generation"/>.</summary>
    End,

    /// <summary>
    /// A <c>TryGet</c> result at a variable packet offset: valid for the range recorded for its
    /// <see cref="PointerValue.Site"/> (the anchor), plus <see cref="PointerValue.Offset"/>.
    /// </summary>
    Anchored,

    /// <summary>The out pointer of a <c>TryGet</c> that returned false on some path to here (null on the CLR).</summary>
    TryGetFailed,

    /// <summary>The out pointer of a <c>TryGet</c> whose result was thrown away.</summary>
    TryGetUnchecked,

    /// <summary>A map method's result (<c>Lookup</c>, <c>Reserve</c>): null, not null or maybe null per <see cref="PointerValue.Null"/>.</summary>
    Nullable,
}

/// <summary>Null-ness of a <see cref="PointerKind.Nullable"/> value.</summary>
internal enum NullState
{
    MaybeNull,
    Null,
    NotNull,
}

/// <summary>An abstract pointer value; <see cref="Site"/> is the operation that produced it (a TryGet or map call).</summary>
internal readonly struct PointerValue : IEquatable<PointerValue>
{
    public static readonly PointerValue Unknown = default;

    public PointerValue(PointerKind kind, int generation, long offset, IOperation? site, NullState nullState = NullState.MaybeNull)
    {
        Kind = kind;
        Generation = generation;
        Offset = offset;
        Site = site;
        Null = nullState;
    }

    public PointerKind Kind { get; }
    public int Generation { get; }
    public long Offset { get; }
    public IOperation? Site { get; }
    public NullState Null { get; }

    public bool IsUnknown => Kind == PointerKind.Unknown;

    public PointerValue WithOffset(long offset) => new(Kind, Generation, offset, Site, Null);

    public PointerValue WithNull(NullState state) => new(Kind, Generation, Offset, Site, state);

    public bool Equals(PointerValue other) =>
        Kind == other.Kind && Generation == other.Generation && Offset == other.Offset && ReferenceEquals(Site, other.Site) && Null == other.Null;

    public override bool Equals(object? obj) => obj is PointerValue other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ Generation ^ Offset.GetHashCode() ^ (Site?.GetHashCode() ?? 0) ^ (int)Null;

    /// <summary>The value on a path where two paths meet: equal values stay, a failed TryGet or a maybe-null value wins, the rest is unknown.</summary>
    public static PointerValue Join(PointerValue a, PointerValue b)
    {
        if (a.Equals(b))
            return a;
        if (a.Kind == PointerKind.Nullable && b.Kind == PointerKind.Nullable && ReferenceEquals(a.Site, b.Site))
            return a.WithNull(NullState.MaybeNull);
        if (a.Kind == PointerKind.TryGetFailed && b.Site is not null && ReferenceEquals(a.Site, b.Site) && b.Kind is PointerKind.Packet or PointerKind.Anchored)
            return a;
        if (b.Kind == PointerKind.TryGetFailed && a.Site is not null && ReferenceEquals(a.Site, b.Site) && a.Kind is PointerKind.Packet or PointerKind.Anchored)
            return b;
        return Unknown;
    }
}
