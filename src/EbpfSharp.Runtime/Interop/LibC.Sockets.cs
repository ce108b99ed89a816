using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop;

/// <summary>libc entry points for sockets and interface names.</summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(int fd, void* address, int addressLength);

    [LibraryImport(Library, EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(int fd, void* buffer, nuint length, int flags);

    [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Receive(int fd, void* buffer, nuint length, int flags);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSocketOption(int fd, int level, int name, void* value, int length);

    /// <summary>Resolves an interface name in the calling thread's network namespace; 0 when there is none.</summary>
    [LibraryImport(Library, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint InterfaceNameToIndex(string name);

    [LibraryImport(Library, EntryPoint = "if_indextoname", SetLastError = true)]
    internal static partial nint InterfaceIndexToName(uint index, byte* name);

    /// <summary>IF_NAMESIZE: interface names are at most 15 bytes plus NUL (kernel: include/uapi/linux/if.h).</summary>
    internal const int InterfaceNameSize = 16;
}
