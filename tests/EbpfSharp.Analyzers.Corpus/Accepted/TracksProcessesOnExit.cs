namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Records the pid and uid of tasks leaving system calls.
public static unsafe class TracksProcessesOnExit
{
    private struct Identity
    {
        public uint Uid;
        public uint Gid;
    }

    private static readonly LruHashMap<uint, Identity> Tasks = new(maxEntries: 1024);

    [RawTracepoint("sys_exit")]
    public static int Run(RawTracepointContext ctx)
    {
        uint pid = (uint)(Bpf.GetCurrentPidTgid() >> 32);
        ulong uidGid = Bpf.GetCurrentUidGid();
        Tasks.Update(pid, new Identity { Uid = (uint)uidGid, Gid = (uint)(uidGid >> 32) });
        return 0;
    }
}
