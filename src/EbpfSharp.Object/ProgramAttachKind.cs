namespace EbpfSharp.Object;

/// <summary>How a program section name is attached automatically (libbpf's auto-attach).</summary>
public enum ProgramAttachKind
{
    /// <summary>No automatic attachment (XDP needs an interface, tc a hook, …).</summary>
    None,
    /// <summary>kprobe/&lt;function&gt;[+offset]</summary>
    Kprobe,
    /// <summary>kretprobe/&lt;function&gt;</summary>
    Kretprobe,
    /// <summary>uprobe/&lt;binary&gt;:&lt;symbol&gt;[+offset]</summary>
    Uprobe,
    /// <summary>uretprobe/&lt;binary&gt;:&lt;symbol&gt;</summary>
    Uretprobe,
    /// <summary>tracepoint/&lt;category&gt;/&lt;name&gt;</summary>
    Tracepoint,
    /// <summary>raw_tracepoint/&lt;name&gt;</summary>
    RawTracepoint,
    /// <summary>fentry, fexit, fmod_ret, tp_btf, lsm, iter: through vmlinux BTF.</summary>
    Tracing,
}
