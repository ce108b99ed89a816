namespace EbpfSharp.Runtime;

public sealed partial class BpfProgram
{
    /// <summary>The ELF section the program was loaded from (such as <c>kprobe/do_sys_openat2</c>), or null.</summary>
    public string? SectionName { get; internal set; }
}
