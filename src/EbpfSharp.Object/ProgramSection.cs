namespace EbpfSharp.Object;

/// <summary>
/// What a program section name means to libbpf: program type, expected attach type, load flags and how
/// it attaches (libbpf: src/libbpf.c, section_defs). A pattern ending in <c>+</c> matches the bare prefix or
/// <c>prefix/anything</c>; one ending in <c>/</c> needs the slash; anything else matches exactly.
/// </summary>
/// <param name="Pattern">libbpf's SEC_DEF pattern.</param>
/// <param name="ProgramType">The program type a matching section loads as.</param>
/// <param name="ExpectedAttachType">The expected_attach_type passed to BPF_PROG_LOAD.</param>
/// <param name="Flags">Load flags (sleepable, XDP frags).</param>
/// <param name="Attach">How the program attaches from its section name alone.</param>
public sealed record ProgramSection(
    string Pattern,
    BpfProgramType ProgramType,
    BpfAttachType ExpectedAttachType,
    BpfProgramFlags Flags = BpfProgramFlags.None,
    ProgramAttachKind Attach = ProgramAttachKind.None)
{
    /// <summary>Whether the section name must name a vmlinux BTF target after the first slash (fentry/…).</summary>
    public bool NeedsBtfTarget => Attach == ProgramAttachKind.Tracing;

    /// <summary>The known section patterns, in libbpf's matching order.</summary>
    public static IReadOnlyList<ProgramSection> All { get; } =
    [
        new("socket", BpfProgramType.SocketFilter, BpfAttachType.None),
        new("kprobe+", BpfProgramType.Kprobe, BpfAttachType.None, Attach: ProgramAttachKind.Kprobe),
        new("uprobe+", BpfProgramType.Kprobe, BpfAttachType.None, Attach: ProgramAttachKind.Uprobe),
        new("uprobe.s+", BpfProgramType.Kprobe, BpfAttachType.None, BpfProgramFlags.Sleepable, ProgramAttachKind.Uprobe),
        new("kretprobe+", BpfProgramType.Kprobe, BpfAttachType.None, Attach: ProgramAttachKind.Kretprobe),
        new("uretprobe+", BpfProgramType.Kprobe, BpfAttachType.None, Attach: ProgramAttachKind.Uretprobe),
        new("uretprobe.s+", BpfProgramType.Kprobe, BpfAttachType.None, BpfProgramFlags.Sleepable, ProgramAttachKind.Uretprobe),
        new("kprobe.multi+", BpfProgramType.Kprobe, BpfAttachType.TraceKprobeMulti),
        new("kretprobe.multi+", BpfProgramType.Kprobe, BpfAttachType.TraceKprobeMulti),
        new("uprobe.multi+", BpfProgramType.Kprobe, BpfAttachType.TraceUprobeMulti),
        new("uretprobe.multi+", BpfProgramType.Kprobe, BpfAttachType.TraceUprobeMulti),
        new("ksyscall+", BpfProgramType.Kprobe, BpfAttachType.None),
        new("kretsyscall+", BpfProgramType.Kprobe, BpfAttachType.None),
        new("usdt+", BpfProgramType.Kprobe, BpfAttachType.None),
        new("tc/ingress", BpfProgramType.SchedClassifier, BpfAttachType.TcxIngress),
        new("tc/egress", BpfProgramType.SchedClassifier, BpfAttachType.TcxEgress),
        new("tcx/ingress", BpfProgramType.SchedClassifier, BpfAttachType.TcxIngress),
        new("tcx/egress", BpfProgramType.SchedClassifier, BpfAttachType.TcxEgress),
        new("tc", BpfProgramType.SchedClassifier, BpfAttachType.None),
        new("classifier", BpfProgramType.SchedClassifier, BpfAttachType.None),
        new("action", BpfProgramType.SchedAction, BpfAttachType.None),
        new("tracepoint+", BpfProgramType.Tracepoint, BpfAttachType.None, Attach: ProgramAttachKind.Tracepoint),
        new("tp+", BpfProgramType.Tracepoint, BpfAttachType.None, Attach: ProgramAttachKind.Tracepoint),
        new("raw_tracepoint+", BpfProgramType.RawTracepoint, BpfAttachType.None, Attach: ProgramAttachKind.RawTracepoint),
        new("raw_tp+", BpfProgramType.RawTracepoint, BpfAttachType.None, Attach: ProgramAttachKind.RawTracepoint),
        new("raw_tracepoint.w+", BpfProgramType.RawTracepointWritable, BpfAttachType.None, Attach: ProgramAttachKind.RawTracepoint),
        new("raw_tp.w+", BpfProgramType.RawTracepointWritable, BpfAttachType.None, Attach: ProgramAttachKind.RawTracepoint),
        new("tp_btf+", BpfProgramType.Tracing, BpfAttachType.TraceRawTracepoint, Attach: ProgramAttachKind.Tracing),
        new("fentry+", BpfProgramType.Tracing, BpfAttachType.TraceFentry, Attach: ProgramAttachKind.Tracing),
        new("fmod_ret+", BpfProgramType.Tracing, BpfAttachType.ModifyReturn, Attach: ProgramAttachKind.Tracing),
        new("fexit+", BpfProgramType.Tracing, BpfAttachType.TraceFexit, Attach: ProgramAttachKind.Tracing),
        new("fentry.s+", BpfProgramType.Tracing, BpfAttachType.TraceFentry, BpfProgramFlags.Sleepable, ProgramAttachKind.Tracing),
        new("fmod_ret.s+", BpfProgramType.Tracing, BpfAttachType.ModifyReturn, BpfProgramFlags.Sleepable, ProgramAttachKind.Tracing),
        new("fexit.s+", BpfProgramType.Tracing, BpfAttachType.TraceFexit, BpfProgramFlags.Sleepable, ProgramAttachKind.Tracing),
        new("lsm+", BpfProgramType.Lsm, BpfAttachType.LsmMac, Attach: ProgramAttachKind.Tracing),
        new("lsm.s+", BpfProgramType.Lsm, BpfAttachType.LsmMac, BpfProgramFlags.Sleepable, ProgramAttachKind.Tracing),
        new("iter+", BpfProgramType.Tracing, BpfAttachType.TraceIterator, Attach: ProgramAttachKind.Tracing),
        new("iter.s+", BpfProgramType.Tracing, BpfAttachType.TraceIterator, BpfProgramFlags.Sleepable, ProgramAttachKind.Tracing),
        new("syscall", BpfProgramType.Syscall, BpfAttachType.None, BpfProgramFlags.Sleepable),
        new("xdp.frags/devmap", BpfProgramType.Xdp, BpfAttachType.XdpDevMap, BpfProgramFlags.XdpHasFragments),
        new("xdp/devmap", BpfProgramType.Xdp, BpfAttachType.XdpDevMap),
        new("xdp.frags/cpumap", BpfProgramType.Xdp, BpfAttachType.XdpCpuMap, BpfProgramFlags.XdpHasFragments),
        new("xdp/cpumap", BpfProgramType.Xdp, BpfAttachType.XdpCpuMap),
        new("xdp.frags", BpfProgramType.Xdp, BpfAttachType.Xdp, BpfProgramFlags.XdpHasFragments),
        new("xdp", BpfProgramType.Xdp, BpfAttachType.Xdp),
        new("perf_event", BpfProgramType.PerfEvent, BpfAttachType.None),
        new("lwt_in", BpfProgramType.LwtIn, BpfAttachType.None),
        new("lwt_out", BpfProgramType.LwtOut, BpfAttachType.None),
        new("lwt_xmit", BpfProgramType.LwtXmit, BpfAttachType.None),
        new("lwt_seg6local", BpfProgramType.LwtSeg6Local, BpfAttachType.None),
        new("sockops", BpfProgramType.SockOps, BpfAttachType.CgroupSockOps),
        new("sk_skb/stream_parser", BpfProgramType.SkSkb, BpfAttachType.SkSkbStreamParser),
        new("sk_skb/stream_verdict", BpfProgramType.SkSkb, BpfAttachType.SkSkbStreamVerdict),
        new("sk_skb", BpfProgramType.SkSkb, BpfAttachType.None),
        new("sk_msg", BpfProgramType.SkMsg, BpfAttachType.SkMsgVerdict),
        new("lirc_mode2", BpfProgramType.LircMode2, BpfAttachType.LircMode2),
        new("flow_dissector", BpfProgramType.FlowDissector, BpfAttachType.FlowDissector),
        new("cgroup_skb/ingress", BpfProgramType.CgroupSkb, BpfAttachType.None),
        new("cgroup_skb/egress", BpfProgramType.CgroupSkb, BpfAttachType.CgroupInetEgress),
        new("cgroup/skb", BpfProgramType.CgroupSkb, BpfAttachType.None),
        new("cgroup/sock_create", BpfProgramType.CgroupSock, BpfAttachType.CgroupInetSockCreate),
        new("cgroup/sock", BpfProgramType.CgroupSock, BpfAttachType.CgroupInetSockCreate),
        new("cgroup/dev", BpfProgramType.CgroupDevice, BpfAttachType.CgroupDevice),
        new("cgroup/sysctl", BpfProgramType.CgroupSysctl, BpfAttachType.CgroupSysctl),
        new("struct_ops+", BpfProgramType.StructOps, BpfAttachType.None),
        new("sk_lookup", BpfProgramType.SkLookup, BpfAttachType.SkLookup),
        new("netfilter", BpfProgramType.Netfilter, BpfAttachType.Netfilter),
    ];

    /// <summary>
    /// The first definition matching <paramref name="sectionName"/> (a leading <c>?</c>, libbpf's "do not
    /// autoload" mark, is ignored), or null when libbpf would not know the program type.
    /// </summary>
    public static ProgramSection? Find(string sectionName)
    {
        ArgumentNullException.ThrowIfNull(sectionName);
        string name = sectionName.StartsWith('?') ? sectionName[1..] : sectionName;
        for (int i = 0; i < All.Count; i++)
            if (All[i].Matches(name))
                return All[i];
        return null;
    }

    /// <summary>The part after the first '/', such as the function of <c>kprobe/do_sys_openat2</c>, or empty.</summary>
    public static string Target(string sectionName)
    {
        int slash = sectionName.IndexOf('/');
        return slash < 0 ? string.Empty : sectionName[(slash + 1)..];
    }

    private bool Matches(string name)
    {
        if (Pattern.EndsWith('+'))
        {
            var prefix = Pattern.AsSpan(0, Pattern.Length - 1);
            return name.AsSpan().StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || name[prefix.Length] == '/');
        }
        if (Pattern.EndsWith('/'))
            return name.StartsWith(Pattern, StringComparison.Ordinal);
        return name == Pattern;
    }
}
