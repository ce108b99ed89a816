using System.Buffers.Binary;

namespace EbpfSharp.Maps.Managed;

/// <summary>
/// A program array's slots and <c>bpf_tail_call</c> (kernel: kernel/bpf/core.c, JMP_TAIL_CALL). On the CLR a tail
/// call is a nested call whose result the calling program returns, so code after a successful
/// <c>return TailCall(...)</c> never runs, as in the kernel. The chain is counted per thread: the count starts
/// again when the outermost tail call returns, which is when the program run it belongs to ends.
/// </summary>
internal sealed class ProgramSlots(int maxEntries)
{
    // [ThreadStatic] fields: one count per running program, as the kernel keeps it in the run's stack frame.
    [ThreadStatic]
    private static int t_chainedCalls;

    [ThreadStatic]
    private static int t_depth;

    private readonly Func<XdpContext, XdpAction>?[] _programs = new Func<XdpContext, XdpAction>?[maxEntries];

    public void Set(uint index, Func<XdpContext, XdpAction>? program)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (uint)_programs.Length);
        Volatile.Write(ref _programs[index], program);
    }

    // In the kernel's order: the index is checked, then the count, which grows even when the slot is empty.
    // An empty slot at the outermost level is not counted: the CLR cannot tell when that run ends.
    public XdpAction TailCall(XdpContext ctx, uint index, XdpAction fallback)
    {
        if (index >= (uint)_programs.Length || t_chainedCalls >= ProgramArray.MaxChainedCalls)
            return fallback;
        var program = Volatile.Read(ref _programs[index]);
        if (program is null)
        {
            if (t_depth > 0)
                t_chainedCalls++;
            return fallback;
        }
        t_chainedCalls++;
        t_depth++;
        try
        {
            return program(ctx);
        }
        finally
        {
            if (--t_depth == 0)
                t_chainedCalls = 0;
        }
    }

    /// <summary>The occupied slots (key: the index as 4 little-endian bytes), with empty values.</summary>
    public IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        var entries = new List<(byte[] Key, byte[] Value)>();
        for (int index = 0; index < _programs.Length; index++)
        {
            if (Volatile.Read(ref _programs[index]) is null)
                continue;
            var key = new byte[sizeof(uint)];
            BinaryPrimitives.WriteUInt32LittleEndian(key, (uint)index);
            entries.Add((key, Array.Empty<byte>()));
        }
        return entries;
    }

    public void Clear()
    {
        for (int index = 0; index < _programs.Length; index++)
            Volatile.Write(ref _programs[index], null);
    }
}
