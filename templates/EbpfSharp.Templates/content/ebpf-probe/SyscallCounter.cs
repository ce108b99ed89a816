using System.Threading;
using EbpfSharp;

namespace EbpfProbe;

/// <summary>
/// A tracing program, in C#: runs on every system call entry of every process (the <c>sys_enter</c> raw
/// tracepoint) and counts the calls per system call number. <c>dotnet build</c> compiles this class to eBPF and
/// embeds the object in the assembly; the generated <c>SyscallCounter.Load()</c> loads it into the kernel.
/// </summary>
public static unsafe partial class SyscallCounter
{
    /// <summary>Calls per system call number (the kernel's copy is read through <c>Loaded.Calls</c>).</summary>
    static readonly HashMap<uint, ulong> Calls = new(maxEntries: 1024);

    [RawTracepoint("sys_enter")]
    public static int OnEnter(RawTracepointContext ctx)
    {
        // sys_enter's arguments: (struct pt_regs *regs, long id).
        uint id = (uint)ctx.Arg(1);
        ulong* calls = Calls.Lookup(id);
        if (calls != null)
        {
            Interlocked.Increment(ref *calls);
            return 0;
        }
        // The first call of this number: insert 1, unless another CPU inserted it meanwhile; then count there.
        if (!Calls.Update(id, 1, MapUpdateFlags.NoExist))
        {
            calls = Calls.Lookup(id);
            if (calls != null)
                Interlocked.Increment(ref *calls);
        }
        return 0;
    }
}
