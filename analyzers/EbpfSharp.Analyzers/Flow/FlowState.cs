using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace EbpfSharp.Analyzers.Flow;

/// <summary>
/// The pointer flow's facts at one point of a method: the value of each tracked pointer local, the packet
/// generation (bumped by <c>Bpf.XdpAdjustHead/Tail/Meta</c>, which invalidate every packet pointer), how many
/// bytes from <c>ctx.Data</c> a comparison with <c>ctx.DataEnd</c> has proven, and the proven range of each
/// variable-offset <c>TryGet</c> result. Where paths meet, proven lengths take the larger value (a rule reports an
/// access only when no path proves it), so correlated branches the analysis cannot follow stay quiet.
/// </summary>
internal sealed class FlowState : IEquatable<FlowState>
{
    /// <summary>A length or range the analysis cannot tell: accesses against it are never reported.</summary>
    public const long UnknownLength = long.MaxValue;

    /// <summary>The generation where paths with different generations meet.</summary>
    public const int ConflictingGeneration = -1;

    public Dictionary<ILocalSymbol, PointerValue> Locals { get; } = new(SymbolEqualityComparer.Default);

    public Dictionary<IOperation, long> AnchorRanges { get; } = new();

    public int Generation { get; set; }

    public long KnownLength { get; set; }

    public FlowState Clone()
    {
        var copy = new FlowState { Generation = Generation, KnownLength = KnownLength };
        foreach (var pair in Locals)
            copy.Locals[pair.Key] = pair.Value;
        foreach (var pair in AnchorRanges)
            copy.AnchorRanges[pair.Key] = pair.Value;
        return copy;
    }

    public PointerValue Get(ILocalSymbol local) => Locals.TryGetValue(local, out var value) ? value : PointerValue.Unknown;

    public void Set(ILocalSymbol local, PointerValue value)
    {
        if (value.IsUnknown)
            Locals.Remove(local);
        else
            Locals[local] = value;
    }

    /// <summary>Forgets every local whose value came from <paramref name="site"/> (its result was used in a way the analysis does not follow).</summary>
    public void Forget(IOperation site)
    {
        foreach (var local in Locals.Where(pair => ReferenceEquals(pair.Value.Site, site)).Select(pair => pair.Key).ToList())
            Locals.Remove(local);
    }

    /// <summary>Stops judging packet accesses of the current generation (a check the analysis cannot read).</summary>
    public void ForgetLengths()
    {
        KnownLength = UnknownLength;
        foreach (var anchor in AnchorRanges.Keys.ToList())
            AnchorRanges[anchor] = UnknownLength;
    }

    public static FlowState Join(FlowState a, FlowState b)
    {
        var joined = new FlowState();
        if (a.Generation == b.Generation)
        {
            joined.Generation = a.Generation;
            joined.KnownLength = Math.Max(a.KnownLength, b.KnownLength);
        }
        else
        {
            joined.Generation = ConflictingGeneration;
            joined.KnownLength = UnknownLength;
        }
        foreach (var pair in a.Locals)
        {
            if (b.Locals.TryGetValue(pair.Key, out var other))
                joined.Set(pair.Key, PointerValue.Join(pair.Value, other));
        }
        foreach (var pair in a.AnchorRanges)
            joined.AnchorRanges[pair.Key] = b.AnchorRanges.TryGetValue(pair.Key, out var other) ? Math.Max(pair.Value, other) : pair.Value;
        foreach (var pair in b.AnchorRanges)
        {
            if (!joined.AnchorRanges.ContainsKey(pair.Key))
                joined.AnchorRanges[pair.Key] = pair.Value;
        }
        return joined;
    }

    public bool Equals(FlowState? other) =>
        other is not null && Generation == other.Generation && KnownLength == other.KnownLength
        && Locals.Count == other.Locals.Count && Locals.All(pair => other.Locals.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value))
        && AnchorRanges.Count == other.AnchorRanges.Count && AnchorRanges.All(pair => other.AnchorRanges.TryGetValue(pair.Key, out var value) && value == pair.Value);

    public override bool Equals(object? obj) => Equals(obj as FlowState);

    public override int GetHashCode() => Generation ^ KnownLength.GetHashCode() ^ Locals.Count;
}
