namespace EbpfSharp.Runtime;

/// <summary>
/// A <c>[Kprobe("function")]</c> or <c>[Kretprobe("function")]</c> program of a generated class: <see cref="Attach()"/>
/// attaches it to the kernel function the attribute names, <see cref="Attach(string, ulong)"/> to another one, and
/// <see cref="AttachUprobe"/> runs the same handler on a function of a user-space binary.
/// </summary>
/// <remarks>
/// Kprobes need a kernel built with <c>CONFIG_KPROBES</c>; without it the attach methods throw
/// <see cref="BpfNotSupportedException"/> saying so and naming what to use instead (a tracepoint, an fentry
/// program, or a uprobe). <see cref="AttachUprobe"/> works either way: uprobes run kprobe-type programs.
/// </remarks>
public sealed class KprobeProgram : ProgramHandle
{
    /// <summary>Wraps a loaded kprobe-type program owned by <paramref name="owner"/> (the generated classes call this).</summary>
    /// <param name="owner">The loaded object that tracks the links.</param>
    /// <param name="program">The program.</param>
    /// <param name="function">The kernel function the attribute names.</param>
    /// <param name="offset">Bytes past the function's start (the attribute's <c>Offset</c>); 0 for a return probe.</param>
    /// <param name="isReturnProbe">Whether the attribute is <c>[Kretprobe]</c>: the program runs when the function returns.</param>
    public KprobeProgram(LoadedObject owner, BpfProgram program, string function, ulong offset, bool isReturnProbe)
        : base(owner, program)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        if (isReturnProbe && offset != 0)
            throw new ArgumentException("A return probe fires on the function's return; it takes no offset.", nameof(offset));
        Function = function;
        Offset = offset;
        IsReturnProbe = isReturnProbe;
    }

    /// <summary>The kernel function the attribute names, such as <c>do_sys_openat2</c>.</summary>
    public string Function { get; }

    /// <summary>Bytes past the function's start where the probe goes (the attribute's <c>Offset</c>); 0 for the entry and for return probes.</summary>
    public ulong Offset { get; }

    /// <summary>Whether this is a <c>[Kretprobe]</c>: it runs when the function returns, and so do its uprobes.</summary>
    public bool IsReturnProbe { get; }

    /// <summary>Attaches the program to <see cref="Function"/> (plus <see cref="Offset"/>), at its entry or its return; dispose the link to detach.</summary>
    /// <exception cref="BpfNotSupportedException">The kernel was built without <c>CONFIG_KPROBES</c>.</exception>
    /// <exception cref="BpfNotFoundException">The kernel has no function by that name.</exception>
    public BpfLink Attach() => Track(Program.AttachKprobe(Function, Offset, IsReturnProbe));

    /// <summary>
    /// Attaches the program to kernel function <paramref name="function"/> instead of the attribute's: its entry plus
    /// <paramref name="offset"/> bytes, or (for a <c>[Kretprobe]</c>) its return. Dispose the link to detach.
    /// </summary>
    /// <exception cref="ArgumentException">An offset for a return probe.</exception>
    /// <exception cref="BpfNotSupportedException">The kernel was built without <c>CONFIG_KPROBES</c>.</exception>
    /// <exception cref="BpfNotFoundException">The kernel has no function by that name.</exception>
    public BpfLink Attach(string function, ulong offset = 0) => Track(Program.AttachKprobe(function, offset, IsReturnProbe));

    /// <summary>
    /// Runs the same handler on user-space code: attaches the program as a uprobe to function
    /// <paramref name="symbol"/> of the executable or shared library <paramref name="binary"/> (a uretprobe when
    /// this is a <c>[Kretprobe]</c>). The handler's <c>PtRegs</c> are then the user registers, so pointer
    /// arguments point into user memory (read them with <c>Bpf.ProbeReadUser</c>). Dispose the link to detach.
    /// </summary>
    /// <param name="binary">The ELF binary's path.</param>
    /// <param name="symbol">The function's symbol name.</param>
    /// <param name="processId">Only fire in this process; null for every process that maps the binary.</param>
    /// <exception cref="BpfNotFoundException">The binary, the symbol or the process does not exist.</exception>
    public BpfLink AttachUprobe(string binary, string symbol, int? processId = null) =>
        Track(Program.AttachUprobe(binary, symbol, processId, offset: 0, IsReturnProbe));
}
