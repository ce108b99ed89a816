namespace EbpfSharp.Generators.Model;

/// <summary>Which typed handle a program gets in the generated class.</summary>
internal enum ProgramKind
{
    /// <summary>A program attribute without a typed handle yet: a plain <c>BpfProgram</c>.</summary>
    Other,

    /// <summary><c>[Xdp]</c>: <c>XdpProgram</c>.</summary>
    Xdp,

    /// <summary><c>[RawTracepoint("name")]</c>: <c>RawTracepointProgram</c>, attached to the attribute's tracepoint.</summary>
    RawTracepoint,

    /// <summary><c>[Kprobe("function")]</c>: <c>KprobeProgram</c> at the function's entry (plus the attribute's <c>Offset</c>).</summary>
    Kprobe,

    /// <summary><c>[Kretprobe("function")]</c>: <c>KprobeProgram</c> at the function's return.</summary>
    Kretprobe,

    /// <summary><c>[Uprobe]</c> or <c>[Uprobe("binary", "symbol")]</c>: <c>UprobeProgram</c> at the function's entry.</summary>
    Uprobe,

    /// <summary><c>[Uretprobe]</c> or <c>[Uretprobe("binary", "symbol")]</c>: <c>UprobeProgram</c> at the function's return.</summary>
    Uretprobe,

    /// <summary><c>[Tracepoint("category", "name")]</c>: <c>TracepointProgram</c>.</summary>
    Tracepoint,

    /// <summary><c>[Fentry("function")]</c>: <c>TracingProgram</c>.</summary>
    Fentry,

    /// <summary><c>[Fexit("function")]</c>: <c>TracingProgram</c>.</summary>
    Fexit,
}
