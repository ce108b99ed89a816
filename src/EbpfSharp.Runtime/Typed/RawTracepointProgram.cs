namespace EbpfSharp.Runtime;

/// <summary>A <c>[RawTracepoint("name")]</c> program of a generated class: <see cref="Attach"/> attaches it to its tracepoint.</summary>
public sealed class RawTracepointProgram : ProgramHandle
{
    /// <summary>Wraps a loaded raw tracepoint program owned by <paramref name="owner"/> (the generated classes call this).</summary>
    public RawTracepointProgram(LoadedObject owner, BpfProgram program, string tracepoint)
        : base(owner, program)
    {
        ArgumentException.ThrowIfNullOrEmpty(tracepoint);
        Tracepoint = tracepoint;
    }

    /// <summary>The tracepoint the attribute names, such as <c>sys_enter</c>.</summary>
    public string Tracepoint { get; }

    /// <summary>Attaches the program to <see cref="Tracepoint"/>; dispose the link to detach.</summary>
    public BpfLink Attach() => Track(Program.AttachRawTracepoint(Tracepoint));
}
