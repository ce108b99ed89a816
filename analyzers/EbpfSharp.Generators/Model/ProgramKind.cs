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
}
