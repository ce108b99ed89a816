using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// A program array (<c>BPF_MAP_TYPE_PROG_ARRAY</c>) for tail calls: slots the host fills with programs of the same
/// kind, which a program jumps to with <see cref="TailCall"/>. The jump replaces the running program: the target's
/// verdict is the result, and nothing after the call runs. At most 33 tail calls chain in one run.
/// </summary>
/// <remarks>
/// On the CLR a tail call is a nested call whose verdict the caller returns, so write it as
/// <c>return Jumps.TailCall(...)</c>: code after a successful tail call would run on the CLR but never in the
/// kernel. Chained calls are counted per thread until the outermost one returns; as in the kernel, a call to an
/// empty slot counts toward the 33 inside a chain, but not from the first program of a run.
/// </remarks>
[MapKind(MapKind.ProgramArray)]
public sealed class ProgramArray : ProgramMap
{
    /// <summary>The kernel's limit on chained tail calls in one run (MAX_TAIL_CALL_CNT).</summary>
    public const int MaxChainedCalls = 33;

    private readonly ProgramSlots _slots;

    /// <summary>Declares the array.</summary>
    /// <param name="maxEntries">Number of slots.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public ProgramArray(int maxEntries, bool pinned = false)
        : base(MapKind.ProgramArray, sizeof(uint), sizeof(uint), maxEntries, MapFlags.None, pinned)
    {
        _slots = new ProgramSlots(maxEntries);
    }

    /// <summary>
    /// Jumps to the XDP program in slot <paramref name="index"/> (<c>bpf_tail_call</c>) and returns its verdict;
    /// when the slot is empty, past the end, or 33 calls have chained, returns <paramref name="fallback"/> instead.
    /// Write it as <c>return Jumps.TailCall(ctx, 2, XdpAction.Pass);</c>.
    /// </summary>
    [BpfHelper(12)]
    public XdpAction TailCall(XdpContext ctx, uint index, XdpAction fallback) => _slots.TailCall(ctx, index, fallback);

    /// <summary>On the CLR: puts <paramref name="program"/> in slot <paramref name="index"/> (null empties it), as the host does with the kernel's map.</summary>
    [ClrOnly]
    public void Set(uint index, Func<XdpContext, XdpAction>? program) => _slots.Set(index, program);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _slots.Contents();

    /// <inheritdoc/>
    public override void Clear() => _slots.Clear();
}
