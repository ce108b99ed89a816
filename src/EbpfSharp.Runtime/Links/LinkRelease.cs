using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

/// <summary>
/// Makes closing a link detach it before <see cref="BpfLink.Dispose"/> returns. Closing a descriptor drops one
/// reference to the kernel's link; the program stays attached while any other file reference lives. A process
/// that another thread starts at that moment holds a copy of every descriptor between fork and exec (O_CLOEXEC
/// closes them only at exec), so without this wait a probe could still fire a few times after Dispose.
/// </summary>
internal static unsafe class LinkRelease
{
    /// <summary>How long to wait for other references to go: far longer than a fork-to-exec window.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(500);

    /// <summary>The kernel's id of the link behind <paramref name="fd"/>, or 0 when it cannot say.</summary>
    public static uint Id(int fd)
    {
        var info = new LinkKernelInfo();
        var attributes = new ObjectInfoAttributes { BpfFd = (uint)fd, InfoLength = (uint)sizeof(LinkKernelInfo), Info = (ulong)&info };
        return BpfSyscall.Call(BpfCommand.ObjectGetInfoByFd, &attributes, sizeof(ObjectInfoAttributes)) < 0 ? 0 : info.Id;
    }

    /// <summary>
    /// Waits until no link with <paramref name="id"/> exists (the kernel frees it, and detaches the program, when the
    /// last reference goes). Gives up quietly after <see cref="Patience"/>: someone holds the link on purpose (a
    /// duplicated descriptor, a child process that kept it).
    /// </summary>
    public static void WaitUntilReleased(uint id)
    {
        long deadline = Environment.TickCount64 + (long)Patience.TotalMilliseconds;
        var spin = new SpinWait();
        while (true)
        {
            var attributes = new GetFdByIdAttributes { Id = id };
            long fd = BpfSyscall.Call(BpfCommand.LinkGetFdById, &attributes, sizeof(GetFdByIdAttributes));
            if (fd < 0)
                return;   // ENOENT: released (any other error: nothing to wait for either)
            LibC.Close((int)fd);
            if (Environment.TickCount64 > deadline)
                return;
            spin.SpinOnce(sleep1Threshold: 10);
        }
    }
}
