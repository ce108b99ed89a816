using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

/// <summary>
/// Connects a program to an open kprobe, uprobe or tracepoint perf event: a BPF_PERF_EVENT link where the
/// kernel has them (5.15+), PERF_EVENT_IOC_SET_BPF before that (libbpf: src/libbpf.c,
/// bpf_program__attach_perf_event_opts).
/// </summary>
internal static unsafe class PerfEventLink
{
    /// <summary>Attaches <paramref name="program"/> to <paramref name="perfEvent"/>, which the link then owns (it is closed on failure).</summary>
    public static BpfLink Attach(BpfProgram program, BpfFileDescriptor perfEvent, BpfLinkKind kind, string target)
    {
        string description = $"{program} attached to {target}";
        BpfFileDescriptor? link = null;
        try
        {
            link = TryCreateLink(program, perfEvent, out int linkErrno);
            if (link is null)
            {
                // EINVAL: a kernel before 5.15 has no BPF_PERF_EVENT attach type (before 5.7, no BPF_LINK_CREATE).
                if (linkErrno is not Errno.EINVAL)
                    throw BpfErrors.FromErrno(linkErrno, BpfCommand.LinkCreate, $"Attaching {program} to {target}");
                int ioctlErrno = PerfEvents.SetBpfProgram(perfEvent, program.Handle);
                if (ioctlErrno != 0)
                    throw BpfErrors.FromErrno(ioctlErrno,
                        $"Attaching {program} to {target} failed: bpf(BPF_LINK_CREATE) returned EINVAL and ioctl(PERF_EVENT_IOC_SET_BPF) returned {Errno.Name(ioctlErrno)}");
            }
            int enableErrno = PerfEvents.Enable(perfEvent);
            if (enableErrno != 0)
                throw BpfErrors.FromErrno(enableErrno, $"Enabling the perf event of {target} failed: ioctl(PERF_EVENT_IOC_ENABLE) returned {Errno.Name(enableErrno)}");
            return new BpfLink(kind, description, link, perfEvent);
        }
        catch
        {
            link?.Dispose();
            perfEvent.Dispose();
            throw;
        }
    }

    private static BpfFileDescriptor? TryCreateLink(BpfProgram program, BpfFileDescriptor perfEvent, out int errno)
    {
        using var programLease = program.Handle.Borrow();
        using var eventLease = perfEvent.Borrow();
        var attributes = new LinkCreateAttributes
        {
            ProgramFd = (uint)programLease.Fd,
            Target = (uint)eventLease.Fd,
            AttachType = (uint)BpfAttachType.PerfEvent,
        };
        long result = BpfSyscall.Call(BpfCommand.LinkCreate, &attributes, sizeof(LinkCreateAttributes));
        errno = result < 0 ? (int)-result : 0;
        return result < 0 ? null : new BpfFileDescriptor((int)result);
    }
}
