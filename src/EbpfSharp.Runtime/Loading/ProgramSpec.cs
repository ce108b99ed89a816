using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime;

/// <summary>An entry program of an object, as read from it: what it is, where it attaches, its instructions.</summary>
public sealed class ProgramSpec
{
    internal ProgramSpec(Loading.FunctionSpec function, ProgramSection? section, bool autoload)
    {
        Function = function;
        Section = section;
        Autoload = autoload;
    }

    internal Loading.FunctionSpec Function { get; }

    /// <summary>The program's name (its ELF symbol).</summary>
    public string Name => Function.Name;

    /// <summary>The ELF section it lives in, such as <c>xdp</c> or <c>kprobe/do_sys_openat2</c>.</summary>
    public string SectionName => Function.SectionName;

    /// <summary>What the section name means (program type, attach type), or null when libbpf would not know it.</summary>
    public ProgramSection? Section { get; }

    /// <summary>The program type from the section name (<see cref="BpfProgramType.Unspecified"/> when unknown).</summary>
    public BpfProgramType Type => Section?.ProgramType ?? BpfProgramType.Unspecified;

    /// <summary>The expected attach type from the section name.</summary>
    public BpfAttachType ExpectedAttachType => Section?.ExpectedAttachType ?? BpfAttachType.None;

    /// <summary>Load flags from the section name (sleepable, XDP frags).</summary>
    public BpfProgramFlags Flags => Section?.Flags ?? BpfProgramFlags.None;

    /// <summary>The attach target named after the first '/' of the section (function, tracepoint, binary:symbol), or empty.</summary>
    public string AttachTarget => ProgramSection.Target(SectionName.TrimStart('?'));

    /// <summary>Whether the program loads by default (libbpf: a section name starting with '?' does not).</summary>
    public bool Autoload { get; set; }

    /// <summary>The program's own instructions, before linking (subprograms are appended at load time).</summary>
    public IReadOnlyList<Instruction> Instructions => Function.Instructions;

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({SectionName}, {Type})";
}
