namespace EbpfSharp.Runtime;

/// <summary>A <c>[Tracepoint("category", "name")]</c> program of a generated class: <see cref="Attach"/> attaches it to its tracepoint.</summary>
public sealed class TracepointProgram : ProgramHandle
{
    /// <summary>Wraps a loaded tracepoint program owned by <paramref name="owner"/> (the generated classes call this).</summary>
    /// <param name="owner">The loaded object that tracks the links.</param>
    /// <param name="program">The program.</param>
    /// <param name="category">The tracepoint's category, such as <c>syscalls</c>.</param>
    /// <param name="tracepoint">The tracepoint's name in its category, such as <c>sys_enter_openat</c>.</param>
    public TracepointProgram(LoadedObject owner, BpfProgram program, string category, string tracepoint)
        : base(owner, program)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        ArgumentException.ThrowIfNullOrEmpty(tracepoint);
        Category = category;
        Tracepoint = tracepoint;
    }

    /// <summary>The tracepoint's category the attribute names, such as <c>syscalls</c> (a directory under tracefs <c>events/</c>).</summary>
    public string Category { get; }

    /// <summary>
    /// The tracepoint's name in <see cref="Category"/> the attribute names, such as <c>sys_enter_openat</c>.
    /// (<see cref="ProgramHandle.Name"/> is the program's name.)
    /// </summary>
    public string Tracepoint { get; }

    /// <summary>Attaches the program to <see cref="Category"/>/<see cref="Tracepoint"/>; dispose the link to detach.</summary>
    /// <exception cref="BpfNotFoundException">There is no such tracepoint; the message lists similar ones.</exception>
    public BpfLink Attach() => Track(Program.AttachTracepoint(Category, Tracepoint));
}
