using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime;

/// <summary>
/// Everything BPF_PROG_LOAD needs: the program type, the encoded instructions with every map fd and call
/// distance already resolved, the license, and the optional BTF-based debug information.
/// </summary>
/// <param name="Name">The program's name (sanitized to 15 characters of [A-Za-z0-9_.] for the kernel).</param>
/// <param name="Type">The program type.</param>
/// <param name="Code">Encoded instructions, 8 bytes per slot.</param>
/// <param name="License">The license; GPL-only helpers need a GPL-compatible one ("GPL", "Dual MIT/GPL", …).</param>
public sealed record ProgramDefinition(string Name, BpfProgramType Type, ReadOnlyMemory<byte> Code, string License = "GPL")
{
    /// <summary>Encodes <paramref name="instructions"/> (which must not refer to symbols outside themselves).</summary>
    public static ProgramDefinition FromInstructions(string name, BpfProgramType type, IReadOnlyList<Instruction> instructions, string license = "GPL")
    {
        var encoded = InstructionEncoder.Encode(instructions);
        if (encoded.References.Count > 0)
            throw new ArgumentException(
                $"Program '{name}' refers to '{encoded.References[0].Symbol}', which only an object loader can resolve; load it from an object or use map fds directly.",
                nameof(instructions));
        return new ProgramDefinition(name, type, encoded.Bytes, license);
    }

    /// <summary>The expected attach type (XDP for <c>xdp</c> programs, fentry/fexit targets, …).</summary>
    public BpfAttachType ExpectedAttachType { get; init; }

    /// <summary>Load flags.</summary>
    public BpfProgramFlags Flags { get; init; }

    /// <summary>The program's BTF, needed for func_info and line_info.</summary>
    public BtfObject? Btf { get; init; }

    /// <summary>func_info records, one per function, in instruction order (needs <see cref="Btf"/>).</summary>
    public IReadOnlyList<KernelFunctionInfo> FunctionInfos { get; init; } = [];

    /// <summary>line_info records in instruction order (needs <see cref="Btf"/>).</summary>
    public IReadOnlyList<KernelLineInfo> LineInfos { get; init; } = [];

    /// <summary>For tracing programs: the vmlinux (or module) BTF id of the function to attach to.</summary>
    public int AttachBtfId { get; init; }

    /// <summary>The module BTF object holding <see cref="AttachBtfId"/>, or null for vmlinux.</summary>
    public BpfFileDescriptor? AttachBtfObject { get; init; }

    /// <summary>The ELF section the program came from ("kprobe/do_sys_openat2"); <see cref="BpfProgram.Attach"/> reads where to attach from it.</summary>
    public string? SectionName { get; init; }

    /// <summary>The number of instruction slots.</summary>
    public int InstructionCount => Code.Length / 8;
}
