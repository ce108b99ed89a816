namespace EbpfSharp.Object;

/// <summary>Program types (kernel: include/uapi/linux/bpf.h, enum bpf_prog_type).</summary>
public enum BpfProgramType : uint
{
    /// <summary>BPF_PROG_TYPE_UNSPEC: libbpf's type for an unknown section name.</summary>
    Unspecified = 0,
    /// <summary>BPF_PROG_TYPE_SOCKET_FILTER</summary>
    SocketFilter = 1,
    /// <summary>BPF_PROG_TYPE_KPROBE: kprobes, uprobes and their return probes.</summary>
    Kprobe = 2,
    /// <summary>BPF_PROG_TYPE_SCHED_CLS: tc classifiers.</summary>
    SchedClassifier = 3,
    /// <summary>BPF_PROG_TYPE_SCHED_ACT</summary>
    SchedAction = 4,
    /// <summary>BPF_PROG_TYPE_TRACEPOINT</summary>
    Tracepoint = 5,
    /// <summary>BPF_PROG_TYPE_XDP</summary>
    Xdp = 6,
    /// <summary>BPF_PROG_TYPE_PERF_EVENT</summary>
    PerfEvent = 7,
    /// <summary>BPF_PROG_TYPE_CGROUP_SKB</summary>
    CgroupSkb = 8,
    /// <summary>BPF_PROG_TYPE_CGROUP_SOCK</summary>
    CgroupSock = 9,
    /// <summary>BPF_PROG_TYPE_LWT_IN</summary>
    LwtIn = 10,
    /// <summary>BPF_PROG_TYPE_LWT_OUT</summary>
    LwtOut = 11,
    /// <summary>BPF_PROG_TYPE_LWT_XMIT</summary>
    LwtXmit = 12,
    /// <summary>BPF_PROG_TYPE_SOCK_OPS</summary>
    SockOps = 13,
    /// <summary>BPF_PROG_TYPE_SK_SKB</summary>
    SkSkb = 14,
    /// <summary>BPF_PROG_TYPE_CGROUP_DEVICE</summary>
    CgroupDevice = 15,
    /// <summary>BPF_PROG_TYPE_SK_MSG</summary>
    SkMsg = 16,
    /// <summary>BPF_PROG_TYPE_RAW_TRACEPOINT</summary>
    RawTracepoint = 17,
    /// <summary>BPF_PROG_TYPE_CGROUP_SOCK_ADDR</summary>
    CgroupSockAddr = 18,
    /// <summary>BPF_PROG_TYPE_LWT_SEG6LOCAL</summary>
    LwtSeg6Local = 19,
    /// <summary>BPF_PROG_TYPE_LIRC_MODE2</summary>
    LircMode2 = 20,
    /// <summary>BPF_PROG_TYPE_SK_REUSEPORT</summary>
    SkReuseport = 21,
    /// <summary>BPF_PROG_TYPE_FLOW_DISSECTOR</summary>
    FlowDissector = 22,
    /// <summary>BPF_PROG_TYPE_CGROUP_SYSCTL</summary>
    CgroupSysctl = 23,
    /// <summary>BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE</summary>
    RawTracepointWritable = 24,
    /// <summary>BPF_PROG_TYPE_CGROUP_SOCKOPT</summary>
    CgroupSockopt = 25,
    /// <summary>BPF_PROG_TYPE_TRACING: fentry, fexit, tp_btf.</summary>
    Tracing = 26,
    /// <summary>BPF_PROG_TYPE_STRUCT_OPS</summary>
    StructOps = 27,
    /// <summary>BPF_PROG_TYPE_EXT</summary>
    Extension = 28,
    /// <summary>BPF_PROG_TYPE_LSM</summary>
    Lsm = 29,
    /// <summary>BPF_PROG_TYPE_SK_LOOKUP</summary>
    SkLookup = 30,
    /// <summary>BPF_PROG_TYPE_SYSCALL</summary>
    Syscall = 31,
    /// <summary>BPF_PROG_TYPE_NETFILTER</summary>
    Netfilter = 32,
}

/// <summary>Map types (kernel: include/uapi/linux/bpf.h, enum bpf_map_type).</summary>
public enum BpfMapType : uint
{
    /// <summary>BPF_MAP_TYPE_UNSPEC</summary>
    Unspecified = 0,
    /// <summary>BPF_MAP_TYPE_HASH</summary>
    Hash = 1,
    /// <summary>BPF_MAP_TYPE_ARRAY</summary>
    Array = 2,
    /// <summary>BPF_MAP_TYPE_PROG_ARRAY: tail-call targets.</summary>
    ProgramArray = 3,
    /// <summary>BPF_MAP_TYPE_PERF_EVENT_ARRAY</summary>
    PerfEventArray = 4,
    /// <summary>BPF_MAP_TYPE_PERCPU_HASH</summary>
    PerCpuHash = 5,
    /// <summary>BPF_MAP_TYPE_PERCPU_ARRAY</summary>
    PerCpuArray = 6,
    /// <summary>BPF_MAP_TYPE_STACK_TRACE</summary>
    StackTrace = 7,
    /// <summary>BPF_MAP_TYPE_CGROUP_ARRAY</summary>
    CgroupArray = 8,
    /// <summary>BPF_MAP_TYPE_LRU_HASH</summary>
    LruHash = 9,
    /// <summary>BPF_MAP_TYPE_LRU_PERCPU_HASH</summary>
    LruPerCpuHash = 10,
    /// <summary>BPF_MAP_TYPE_LPM_TRIE (needs BPF_F_NO_PREALLOC)</summary>
    LpmTrie = 11,
    /// <summary>BPF_MAP_TYPE_ARRAY_OF_MAPS</summary>
    ArrayOfMaps = 12,
    /// <summary>BPF_MAP_TYPE_HASH_OF_MAPS</summary>
    HashOfMaps = 13,
    /// <summary>BPF_MAP_TYPE_DEVMAP</summary>
    DevMap = 14,
    /// <summary>BPF_MAP_TYPE_SOCKMAP</summary>
    SockMap = 15,
    /// <summary>BPF_MAP_TYPE_CPUMAP</summary>
    CpuMap = 16,
    /// <summary>BPF_MAP_TYPE_XSKMAP</summary>
    XskMap = 17,
    /// <summary>BPF_MAP_TYPE_SOCKHASH</summary>
    SockHash = 18,
    /// <summary>BPF_MAP_TYPE_CGROUP_STORAGE (deprecated)</summary>
    CgroupStorage = 19,
    /// <summary>BPF_MAP_TYPE_REUSEPORT_SOCKARRAY</summary>
    ReuseportSockArray = 20,
    /// <summary>BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE (deprecated)</summary>
    PerCpuCgroupStorage = 21,
    /// <summary>BPF_MAP_TYPE_QUEUE (key size 0)</summary>
    Queue = 22,
    /// <summary>BPF_MAP_TYPE_STACK (key size 0)</summary>
    Stack = 23,
    /// <summary>BPF_MAP_TYPE_SK_STORAGE</summary>
    SkStorage = 24,
    /// <summary>BPF_MAP_TYPE_DEVMAP_HASH</summary>
    DevMapHash = 25,
    /// <summary>BPF_MAP_TYPE_STRUCT_OPS</summary>
    StructOps = 26,
    /// <summary>BPF_MAP_TYPE_RINGBUF (key and value size 0)</summary>
    RingBuffer = 27,
    /// <summary>BPF_MAP_TYPE_INODE_STORAGE</summary>
    InodeStorage = 28,
    /// <summary>BPF_MAP_TYPE_TASK_STORAGE</summary>
    TaskStorage = 29,
    /// <summary>BPF_MAP_TYPE_BLOOM_FILTER (key size 0)</summary>
    BloomFilter = 30,
    /// <summary>BPF_MAP_TYPE_USER_RINGBUF</summary>
    UserRingBuffer = 31,
    /// <summary>BPF_MAP_TYPE_CGRP_STORAGE</summary>
    CgroupStorageLocal = 32,
    /// <summary>BPF_MAP_TYPE_ARENA</summary>
    Arena = 33,
}

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

/// <summary>Flags of BPF_MAP_CREATE (kernel: include/uapi/linux/bpf.h).</summary>
[Flags]
public enum BpfMapFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>BPF_F_NO_PREALLOC: required for LPM tries.</summary>
    NoPrealloc = 0x1,
    /// <summary>BPF_F_NO_COMMON_LRU</summary>
    NoCommonLru = 0x2,
    /// <summary>BPF_F_NUMA_NODE</summary>
    NumaNode = 0x4,
    /// <summary>BPF_F_RDONLY: read-only from user space.</summary>
    ReadOnly = 0x8,
    /// <summary>BPF_F_WRONLY: write-only from user space.</summary>
    WriteOnly = 0x10,
    /// <summary>BPF_F_STACK_BUILD_ID</summary>
    StackBuildId = 0x20,
    /// <summary>BPF_F_ZERO_SEED</summary>
    ZeroSeed = 0x40,
    /// <summary>BPF_F_RDONLY_PROG: read-only for programs (.rodata).</summary>
    ReadOnlyProgram = 0x80,
    /// <summary>BPF_F_WRONLY_PROG</summary>
    WriteOnlyProgram = 0x100,
    /// <summary>BPF_F_CLONE</summary>
    Clone = 0x200,
    /// <summary>BPF_F_MMAPABLE: the value area can be mapped into user space (global data).</summary>
    Mmapable = 0x400,
    /// <summary>BPF_F_PRESERVE_ELEMS</summary>
    PreserveElements = 0x800,
    /// <summary>BPF_F_INNER_MAP</summary>
    InnerMap = 0x1000,
}

/// <summary>Flags of BPF_PROG_LOAD (kernel: include/uapi/linux/bpf.h).</summary>
[Flags]
public enum BpfProgramFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>BPF_F_STRICT_ALIGNMENT</summary>
    StrictAlignment = 0x1,
    /// <summary>BPF_F_ANY_ALIGNMENT</summary>
    AnyAlignment = 0x2,
    /// <summary>BPF_F_TEST_RND_HI32</summary>
    TestRandomHigh32 = 0x4,
    /// <summary>BPF_F_TEST_STATE_FREQ</summary>
    TestStateFrequency = 0x8,
    /// <summary>BPF_F_SLEEPABLE</summary>
    Sleepable = 0x10,
    /// <summary>BPF_F_XDP_HAS_FRAGS</summary>
    XdpHasFragments = 0x20,
}

/// <summary>How libbpf pins a map (libbpf: enum libbpf_pin_type).</summary>
public enum MapPinning
{
    /// <summary>LIBBPF_PIN_NONE</summary>
    None = 0,
    /// <summary>LIBBPF_PIN_BY_NAME: pinned at /sys/fs/bpf/&lt;map name&gt; and reused if present.</summary>
    ByName = 1,
}
