using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

/// <summary>
/// A program attached to a kernel hook. The attachment lives as long as the link's file descriptors (or a
/// pin): disposing the link detaches the program. Dispose is idempotent, and the descriptors are
/// <see cref="System.Runtime.InteropServices.SafeHandle"/>s, so a link that is never disposed is
/// detached when the finalizer closes them. A link holds its own reference to the program, so disposing
/// the <see cref="BpfProgram"/> first does not detach it.
/// </summary>
public sealed class BpfLink : IDisposable
{
    private bool _pinned;

    internal BpfLink(BpfLinkKind kind, string description, BpfFileDescriptor? handle, BpfFileDescriptor? perfEventHandle = null)
    {
        Kind = kind;
        Description = description;
        Handle = handle;
        PerfEventHandle = perfEventHandle;
    }

    /// <summary>The kind of hook.</summary>
    public BpfLinkKind Kind { get; }

    /// <summary>What is attached where, for messages ("Xdp program 'count' attached to XDP of veth-b (ifindex 3, generic mode)").</summary>
    public string Description { get; }

    /// <summary>
    /// The BPF link's file descriptor, or null when a kernel older than 5.15 attached a perf-event based
    /// program through PERF_EVENT_IOC_SET_BPF, where the perf event alone owns the attachment.
    /// </summary>
    public BpfFileDescriptor? Handle { get; }

    /// <summary>For kprobes, uprobes and tracepoints: the perf event the program is attached to; null otherwise.</summary>
    public BpfFileDescriptor? PerfEventHandle { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => (Handle ?? PerfEventHandle)?.IsClosed ?? true;

    /// <summary>
    /// Pins the link at <paramref name="path"/> in a bpf filesystem: the attachment then survives disposing
    /// this object and the process, until the pin is deleted.
    /// </summary>
    /// <exception cref="BpfNotSupportedException">The attachment is not a BPF link (perf event ioctl on a kernel before 5.15).</exception>
    public void Pin(string path)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Handle is null)
            throw new BpfNotSupportedException(
                $"Pinning {Description} failed: this kernel (before 5.15) attached it through a perf event ioctl, which creates no BPF link to pin. Keep this object alive instead.", 0);
        ObjectPaths.Pin(Handle, path, Description);
        _pinned = true;
    }

    /// <summary>
    /// Detaches the program while keeping the link open (BPF_LINK_DETACH, kernel 5.9+); the link becomes
    /// defunct, and so does every pin of it. XDP links support it; perf-event and raw tracepoint links do not.
    /// </summary>
    /// <exception cref="BpfNotSupportedException">The kernel cannot detach this kind of link; dispose it instead.</exception>
    public unsafe void Detach()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Handle is null)
            throw new BpfNotSupportedException($"Detaching {Description} failed: it is not a BPF link; dispose it instead.", 0);
        using var lease = Handle.Borrow();
        var attributes = new LinkDetachAttributes { LinkFd = (uint)lease.Fd };
        long result = BpfSyscall.Call(BpfCommand.LinkDetach, &attributes, sizeof(LinkDetachAttributes));
        if (result >= 0)
            return;
        int errno = (int)-result;
        throw errno is Errno.EOPNOTSUPP or Errno.ENOTSUPP or Errno.EINVAL
            ? new BpfNotSupportedException(
                $"Detaching {Description} failed: bpf(BPF_LINK_DETACH) returned {Errno.Name(errno)}; the kernel cannot detach {Kind} links while they are open. Dispose the link (and delete its pins) instead.", errno)
            : BpfErrors.FromErrno(errno, BpfCommand.LinkDetach, $"Detaching {Description}");
    }

    /// <summary>
    /// Detaches the program by closing the link (and perf event) descriptors, unless the link is pinned. When this
    /// returns the program no longer runs: if a process another thread was starting still held a copy of the
    /// descriptor (between its fork and exec), Dispose waits, up to half a second, for the kernel to free the link.
    /// </summary>
    public void Dispose()
    {
        uint id = 0;
        if (!_pinned && Handle is { IsClosed: false } handle)
        {
            try
            {
                using var lease = handle.Borrow();
                id = LinkRelease.Id(lease.Fd);
            }
            catch (ObjectDisposedException)
            {
                // Another thread disposed it first.
            }
        }
        Handle?.Dispose();
        PerfEventHandle?.Dispose();
        if (id != 0)
            LinkRelease.WaitUntilReleased(id);
    }

    /// <inheritdoc />
    public override string ToString() => Description;
}
