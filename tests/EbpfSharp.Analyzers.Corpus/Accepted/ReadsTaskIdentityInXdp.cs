namespace EbpfSharp.Analyzers.Corpus.Accepted;

// Kernel 6.18 lets XDP programs call bpf_get_current_pid_tgid, _uid_gid and _comm (bpf_base_func_proto): whatever
// task the packet interrupted, the values are only a tag here.
public static unsafe class ReadsTaskIdentityInXdp
{
    [Xdp]
    public static XdpAction Run(XdpContext ctx)
    {
        byte* comm = stackalloc byte[16];
        Bpf.GetCurrentComm(comm, 16);
        ulong tag = Bpf.GetCurrentPidTgid() ^ Bpf.GetCurrentUidGid() ^ comm[0];
        return (tag & 1) == 0 ? XdpAction.Pass : XdpAction.Pass;
    }
}
