using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop;

/// <summary>libc entry points for waiting on descriptors: epoll and eventfd, and read/write of an eventfd counter.</summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int EpollCreate(int flags);

    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    internal static partial int EpollControl(int epollFd, int operation, int fd, byte* @event);

    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    internal static partial int EpollWait(int epollFd, byte* events, int maxEvents, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, void* buffer, nuint count);

    // kernel: include/uapi/linux/eventpoll.h; EPOLL_CLOEXEC and EFD_CLOEXEC are O_CLOEXEC, EFD_NONBLOCK is O_NONBLOCK.
    internal const int EpollCloseOnExec = 0x80000;
    internal const int EpollControlAdd = 1;
    internal const uint EpollIn = 0x1;
    internal const int EventFdCloseOnExec = 0x80000;
    internal const int EventFdNonBlocking = 0x800;

    /// <summary>
    /// sizeof(struct epoll_event): x86-64 packs it to 12 bytes (<c>__EPOLL_PACKED</c>), the other 64-bit
    /// architectures align its u64 data to 16 (kernel: include/uapi/linux/eventpoll.h).
    /// </summary>
    internal static int EpollEventSize => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Where the u64 <c>data</c> of a struct epoll_event starts, after the u32 <c>events</c>.</summary>
    internal static int EpollEventDataOffset => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;
}
