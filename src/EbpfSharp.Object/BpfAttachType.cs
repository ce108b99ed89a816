namespace EbpfSharp.Object;

/// <summary>Attach types (kernel: include/uapi/linux/bpf.h, enum bpf_attach_type); also the expected_attach_type of a load.</summary>
public enum BpfAttachType : uint
{
    /// <summary>0: BPF_CGROUP_INET_INGRESS, also "none" for program types that ignore it.</summary>
    None = 0,
    /// <summary>BPF_CGROUP_INET_EGRESS</summary>
    CgroupInetEgress = 1,
    /// <summary>BPF_CGROUP_INET_SOCK_CREATE</summary>
    CgroupInetSockCreate = 2,
    /// <summary>BPF_CGROUP_SOCK_OPS</summary>
    CgroupSockOps = 3,
    /// <summary>BPF_SK_SKB_STREAM_PARSER</summary>
    SkSkbStreamParser = 4,
    /// <summary>BPF_SK_SKB_STREAM_VERDICT</summary>
    SkSkbStreamVerdict = 5,
    /// <summary>BPF_CGROUP_DEVICE</summary>
    CgroupDevice = 6,
    /// <summary>BPF_SK_MSG_VERDICT</summary>
    SkMsgVerdict = 7,
    /// <summary>BPF_LIRC_MODE2</summary>
    LircMode2 = 16,
    /// <summary>BPF_FLOW_DISSECTOR</summary>
    FlowDissector = 17,
    /// <summary>BPF_CGROUP_SYSCTL</summary>
    CgroupSysctl = 18,
    /// <summary>BPF_TRACE_RAW_TP</summary>
    TraceRawTracepoint = 23,
    /// <summary>BPF_TRACE_FENTRY</summary>
    TraceFentry = 24,
    /// <summary>BPF_TRACE_FEXIT</summary>
    TraceFexit = 25,
    /// <summary>BPF_MODIFY_RETURN</summary>
    ModifyReturn = 26,
    /// <summary>BPF_LSM_MAC</summary>
    LsmMac = 27,
    /// <summary>BPF_TRACE_ITER</summary>
    TraceIterator = 28,
    /// <summary>BPF_XDP_DEVMAP</summary>
    XdpDevMap = 33,
    /// <summary>BPF_XDP_CPUMAP</summary>
    XdpCpuMap = 35,
    /// <summary>BPF_SK_LOOKUP</summary>
    SkLookup = 36,
    /// <summary>BPF_XDP</summary>
    Xdp = 37,
    /// <summary>BPF_PERF_EVENT: kprobes, uprobes and tracepoints through a perf event.</summary>
    PerfEvent = 41,
    /// <summary>BPF_TRACE_KPROBE_MULTI</summary>
    TraceKprobeMulti = 42,
    /// <summary>BPF_STRUCT_OPS</summary>
    StructOps = 44,
    /// <summary>BPF_NETFILTER</summary>
    Netfilter = 45,
    /// <summary>BPF_TCX_INGRESS</summary>
    TcxIngress = 46,
    /// <summary>BPF_TCX_EGRESS</summary>
    TcxEgress = 47,
    /// <summary>BPF_TRACE_UPROBE_MULTI</summary>
    TraceUprobeMulti = 48,
}
