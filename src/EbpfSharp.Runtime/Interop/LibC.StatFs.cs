using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop;

internal static unsafe partial class LibC
{
    [LibraryImport(Library, EntryPoint = "statfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatFs(string path, byte* buffer);

    // kernel: include/uapi/linux/magic.h, BPF_FS_MAGIC
    internal const long BpfFileSystemMagic = 0xcafe4a11;

    /// <summary>
    /// The f_type of the file system holding <paramref name="path"/>, or null when statfs fails. f_type is the
    /// first field (a long) of struct statfs on 64-bit Linux (glibc: bits/statfs.h); the struct is 120 bytes there.
    /// </summary>
    internal static long? FileSystemType(string path)
    {
        byte* buffer = stackalloc byte[256];
        return StatFs(path, buffer) == 0 ? *(long*)buffer : null;
    }
}
