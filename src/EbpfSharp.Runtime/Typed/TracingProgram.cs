namespace EbpfSharp.Runtime;

/// <summary>
/// An <c>[Fentry("function")]</c> or <c>[Fexit("function")]</c> program of a generated class: loaded against the
/// kernel function's BTF, and attached to it by <see cref="Attach"/> (a BPF trampoline).
/// </summary>
public sealed class TracingProgram : ProgramHandle
{
    /// <summary>Wraps a loaded fentry or fexit program owned by <paramref name="owner"/> (the generated classes call this).</summary>
    /// <param name="owner">The loaded object that tracks the links.</param>
    /// <param name="program">The program.</param>
    /// <param name="function">The kernel function the attribute names.</param>
    /// <param name="isExit">Whether the attribute is <c>[Fexit]</c>: the program runs when the function returns.</param>
    public TracingProgram(LoadedObject owner, BpfProgram program, string function, bool isExit)
        : base(owner, program)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        Function = function;
        IsExit = isExit;
    }

    /// <summary>The kernel function the attribute names, such as <c>do_unlinkat</c>.</summary>
    public string Function { get; }

    /// <summary>Whether this is an <c>[Fexit]</c> program, which runs when the function returns (and sees its return value).</summary>
    public bool IsExit { get; }

    /// <summary>
    /// Attaches the program to <see cref="Function"/>, the target it was loaded for (the section
    /// <c>fentry/…</c> or <c>fexit/…</c>); dispose the link to detach.
    /// </summary>
    /// <exception cref="NotSupportedException">The runtime cannot attach tracing programs (BPF_LINK_CREATE for fentry/fexit).</exception>
    public BpfLink Attach() => Track(Program.Attach());
}
