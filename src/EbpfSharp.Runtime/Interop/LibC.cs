using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop;

/// <summary>The libc entry points the runtime uses. errno is captured by the marshaller (SetLastError).</summary>
internal static unsafe partial class LibC
{
    internal const string Library = "libc";

    // syscall(2) is variadic; every argument is passed as a long, which matches the register-passing
    // convention of variadic integer arguments on x86-64 and arm64 Linux.
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Syscall(long number, long arg1, long arg2, long arg3, long arg4, long arg5);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint address, nuint length);

    [LibraryImport(Library, EntryPoint = "getpid")]
    internal static partial int GetPid();

    [LibraryImport(Library, EntryPoint = "sysconf", SetLastError = true)]
    internal static partial long SysConf(int name);

    internal const int ScPageSize = 30;          // _SC_PAGESIZE (glibc: bits/confname.h)
    internal const int ProtRead = 0x1;
    internal const int ProtWrite = 0x2;
    internal const int MapShared = 0x01;
    internal static readonly nint MapFailed = -1;

    /// <summary>The page size of this machine.</summary>
    internal static int PageSize => (int)SysConf(ScPageSize);
}
