namespace EbpfSharp.Generators.Model;

/// <summary>A program method.</summary>
/// <param name="Name">The method's name, which is the generated property's name.</param>
/// <param name="ObjectName">The program's name in the object.</param>
/// <param name="Kind">The handle it gets.</param>
/// <param name="AttributeName">The attribute as written, without <c>Attribute</c> (<c>Xdp</c>), for doc comments.</param>
/// <param name="Target">Where the attribute says the program attaches, for the kinds whose handle knows it.</param>
internal sealed record ProgramModel(string Name, string ObjectName, ProgramKind Kind, string AttributeName, AttachTarget? Target = null);

/// <summary>The attach target an attribute names, as the program's handle is constructed with it.</summary>
/// <param name="Function">The kernel function of a kprobe, kretprobe, fentry or fexit program.</param>
/// <param name="Category">The category of a tracepoint (<c>syscalls</c>).</param>
/// <param name="Tracepoint">The name of a tracepoint (<c>sys_enter_openat</c>) or raw tracepoint (<c>sys_enter</c>).</param>
/// <param name="Binary">The binary of a uprobe or uretprobe; null when the attribute names none.</param>
/// <param name="Symbol">The function of a uprobe or uretprobe; null when the attribute names none.</param>
/// <param name="Offset">The attribute's <c>Offset</c> (kprobes and uprobes): bytes past the function's start.</param>
internal sealed record AttachTarget(
    string? Function = null,
    string? Category = null,
    string? Tracepoint = null,
    string? Binary = null,
    string? Symbol = null,
    ulong Offset = 0);
