using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>
/// A view of a stack trace map, where <c>bpf_get_stackid</c> stores the stacks programs capture: each id maps to
/// an array of instruction addresses, innermost frame first.
/// </summary>
/// <remarks>
/// Maps created with <see cref="BpfMapFlags.StackBuildId"/> hold build-id records instead of addresses and are not
/// supported. The view does not own the map unless constructed with <c>ownsMap: true</c>.
/// </remarks>
public sealed class StackTraceView : IDisposable
{
    private const string ViewName = nameof(StackTraceView);
    private readonly bool _ownsMap;

    /// <summary>Views <paramref name="map"/>.</summary>
    /// <param name="map">A StackTrace map with 4-byte keys and values of u64 addresses.</param>
    /// <param name="ownsMap">Whether <see cref="Dispose"/> also disposes the map.</param>
    /// <exception cref="ArgumentException">The map is not a stack trace map of addresses.</exception>
    public StackTraceView(BpfMap map, bool ownsMap = false)
    {
        ViewShape.CheckType(map, ViewName, BpfMapType.StackTrace);
        if (map.KeySize != sizeof(uint) || map.ValueSize == 0 || map.ValueSize % sizeof(ulong) != 0)
            throw new ArgumentException($"{ViewName} needs 4-byte keys and values of u64 addresses, but {map.Label} has {map.KeySize}-byte keys and {map.ValueSize}-byte values.", nameof(map));
        if (map.Flags.HasFlag(BpfMapFlags.StackBuildId))
            throw new ArgumentException($"{map.Label} stores build ids (BPF_F_STACK_BUILD_ID), not addresses; {ViewName} reads addresses only.", nameof(map));
        Map = map;
        _ownsMap = ownsMap;
    }

    /// <summary>The underlying map.</summary>
    public BpfMap Map { get; }

    /// <summary>The most frames a stack holds (the value size over 8).</summary>
    public int MaxDepth => Map.ValueSize / sizeof(ulong);

    /// <summary>Reads the stack stored under <paramref name="id"/> (what <c>bpf_get_stackid</c> returned).</summary>
    /// <param name="id">The stack id.</param>
    /// <param name="addresses">The frames' instruction addresses, innermost first, without the unused zero frames at the end; empty when absent.</param>
    /// <returns>False when there is no such stack.</returns>
    public bool TryGetStack(uint id, out ulong[] addresses)
    {
        var frames = new ulong[MaxDepth];
        if (!Map.TryLookup(BitConverter.GetBytes(id), System.Runtime.InteropServices.MemoryMarshal.AsBytes(frames.AsSpan())))
        {
            addresses = [];
            return false;
        }
        int depth = frames.AsSpan().LastIndexOfAnyExcept(0ul) + 1;
        addresses = depth == frames.Length ? frames : frames[..depth];
        return true;
    }

    /// <summary>Removes the stack stored under <paramref name="id"/>, freeing its slot for new stacks.</summary>
    /// <returns>False when there was no such stack.</returns>
    public bool Remove(uint id) => Map.Delete(id);

    /// <summary>Disposes the map if the view owns it; otherwise does nothing.</summary>
    public void Dispose()
    {
        if (_ownsMap)
            Map.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{ViewName} over {Map}";
}
