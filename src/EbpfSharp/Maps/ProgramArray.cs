namespace EbpfSharp;

/// <summary>
/// A program array (<c>BPF_MAP_TYPE_PROG_ARRAY</c>) for tail calls: slots the host fills with programs of the same
/// kind, which a program jumps to with <see cref="TailCall"/>. The jump replaces the running program: the target's
/// verdict is the result, and nothing after the call runs. At most 33 tail calls chain in one run.
/// </summary>
[MapKind(MapKind.ProgramArray)]
public sealed class ProgramArray : ProgramMap
{
    /// <summary>The kernel's limit on chained tail calls in one run (MAX_TAIL_CALL_CNT).</summary>
    public const int MaxChainedCalls = 33;

    /// <summary>Declares the array.</summary>
    /// <param name="maxEntries">Number of slots.</param>
    /// <param name="pinned">Pin the map by name, so loads share it.</param>
    public ProgramArray(int maxEntries, bool pinned = false)
        : base(MapKind.ProgramArray, sizeof(uint), sizeof(uint), maxEntries, MapFlags.None, pinned)
    {
    }

    /// <summary>
    /// Jumps to the XDP program in slot <paramref name="index"/> (<c>bpf_tail_call</c>) and returns its verdict;
    /// when the slot is empty, past the end, or 33 calls have chained, returns <paramref name="fallback"/> instead.
    /// Write it as <c>return Jumps.TailCall(ctx, 2, XdpAction.Pass);</c>.
    /// </summary>
    [BpfHelper(12)]
    public XdpAction TailCall(XdpContext ctx, uint index, XdpAction fallback) => throw new NotImplementedException();

    /// <summary>On the CLR: puts <paramref name="program"/> in slot <paramref name="index"/> (null empties it), as the host does with the kernel's map.</summary>
    public void Set(uint index, Func<XdpContext, XdpAction>? program) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => throw new NotImplementedException();

    /// <inheritdoc/>
    public override void Clear() => throw new NotImplementedException();
}
