using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop;

/// <summary>libc entry points for namespaces, files and mounts.</summary>
internal static unsafe partial class LibC
{
    internal const int CloneNewNet = 0x40000000;     // CLONE_NEWNET (kernel: include/uapi/linux/sched.h)
    internal const int OpenReadOnly = 0;              // O_RDONLY
    internal const int OpenCloseOnExec = 0x80000;     // O_CLOEXEC (kernel: include/uapi/asm-generic/fcntl.h)

    [LibraryImport(Library, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);

    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNamespace(int fd, int namespaceType);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mount(string source, string target, string fileSystemType, ulong flags, nint data);

    [LibraryImport(Library, EntryPoint = "gettid")]
    internal static partial int GetThreadId();
}
