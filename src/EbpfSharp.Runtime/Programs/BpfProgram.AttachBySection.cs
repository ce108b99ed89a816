using System.Globalization;
using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

// Attach(): where libbpf's section names say a program goes (libbpf: src/libbpf.c, attach_kprobe,
// attach_uprobe, attach_tp, attach_raw_tp).
public sealed partial class BpfProgram
{
    /// <summary>The ELF section the program came from ("kprobe/do_sys_openat2"), when it was loaded from an object.</summary>
    public string? SectionName { get; private init; }

    /// <summary>
    /// Attaches the program where its <see cref="SectionName"/> says: <c>kprobe/&lt;function&gt;[+offset]</c>,
    /// <c>kretprobe/&lt;function&gt;</c>, <c>uprobe/&lt;binary&gt;:&lt;function&gt;[+offset]</c>,
    /// <c>uretprobe/&lt;binary&gt;:&lt;function&gt;</c>, <c>tracepoint/&lt;category&gt;/&lt;name&gt;</c> (or <c>tp/</c>),
    /// <c>raw_tracepoint/&lt;name&gt;</c> (or <c>raw_tp/</c>), and the BTF-based <c>fentry/</c>, <c>fexit/</c>,
    /// <c>fmod_ret/</c>, <c>tp_btf/</c> and <c>lsm/</c> sections (see <see cref="AttachTracing()"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The section name is unknown or does not say where to attach (XDP needs an interface: use <see cref="AttachXdp(string, XdpAttachMode)"/>).</exception>
    /// <exception cref="NotSupportedException">The section is an iterator (<c>iter/</c>), which is read, not attached.</exception>
    public BpfLink Attach()
    {
        if (SectionName is null)
            throw new InvalidOperationException(
                $"{this} does not know its section name (it was loaded from instructions or a pin), so it cannot attach itself. Call AttachXdp, AttachUprobe, AttachKprobe, AttachTracepoint or AttachRawTracepoint.");
        var section = ProgramSection.Find(SectionName) ?? throw new InvalidOperationException(
            $"{this} comes from section '{SectionName}', which libbpf's section names do not describe; attach it explicitly.");
        string target = ProgramSection.Target(SectionName);
        return section.Attach switch
        {
            ProgramAttachKind.Kprobe => AttachKprobeTarget(target),
            ProgramAttachKind.Kretprobe => AttachKprobe(RequireTarget(target, "kretprobe/<function>"), returnProbe: true),
            ProgramAttachKind.Uprobe => AttachUprobeTarget(target, returnProbe: false),
            ProgramAttachKind.Uretprobe => AttachUprobeTarget(target, returnProbe: true),
            ProgramAttachKind.Tracepoint => AttachTracepointTarget(target),
            ProgramAttachKind.RawTracepoint => AttachRawTracepoint(RequireTarget(target, "raw_tracepoint/<name>")),
            ProgramAttachKind.Tracing => AttachTracing(),
            _ => throw new InvalidOperationException(
                $"Section '{SectionName}' does not say where {this} attaches. Attach it explicitly (for XDP: AttachXdp(interfaceName))."),
        };
    }

    private BpfLink AttachKprobeTarget(string target)
    {
        var (function, offset) = SplitOffset(RequireTarget(target, "kprobe/<function>[+offset]"));
        return AttachKprobe(function, offset);
    }

    private BpfLink AttachUprobeTarget(string target, bool returnProbe)
    {
        string form = returnProbe ? "uretprobe/<binary>:<function>" : "uprobe/<binary>:<function>[+offset]";
        string value = RequireTarget(target, form);
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
            throw new InvalidOperationException($"Section '{SectionName}' of {this} must read {form} to attach automatically.");
        var (function, offset) = SplitOffset(value[(colon + 1)..]);
        return AttachUprobe(value[..colon], function, processId: null, offset, returnProbe);
    }

    private BpfLink AttachTracepointTarget(string target)
    {
        string value = RequireTarget(target, "tracepoint/<category>/<name>");
        int slash = value.IndexOf('/');
        if (slash <= 0 || slash == value.Length - 1)
            throw new InvalidOperationException($"Section '{SectionName}' of {this} must read tracepoint/<category>/<name> to attach automatically.");
        return AttachTracepoint(value[..slash], value[(slash + 1)..]);
    }

    private string RequireTarget(string target, string form) =>
        target.Length > 0 ? target : throw new InvalidOperationException($"Section '{SectionName}' of {this} must read {form} to attach automatically.");

    // "function+0x10" or "function+16", as libbpf's sscanf("%m[^+]+%li") reads it.
    private (string Name, ulong Offset) SplitOffset(string value)
    {
        int plus = value.LastIndexOf('+');
        if (plus < 0)
            return (value, 0);
        string digits = value[(plus + 1)..];
        bool hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!ulong.TryParse(hex ? digits[2..] : digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out ulong offset))
            throw new InvalidOperationException($"Section '{SectionName}' of {this} has offset '{digits}', which is not a number.");
        return (value[..plus], offset);
    }
}
