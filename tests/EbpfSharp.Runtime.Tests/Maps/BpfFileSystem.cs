using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Tests.Maps;

/// <summary>A bpf file system mounted on a new temporary directory, unmounted and removed on Dispose.</summary>
internal sealed partial class BpfFileSystem : IDisposable
{
    private const int MntDetach = 2;   // glibc: sys/mount.h, MNT_DETACH

    private BpfFileSystem(string path) => Path = path;

    public string Path { get; }

    public static BpfFileSystem Mount()
    {
        var directory = Directory.CreateTempSubdirectory("ebpfsharp-bpffs-").FullName;
        if (MountFileSystem("bpf", directory, "bpf", 0, 0) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Directory.Delete(directory);
            throw new InvalidOperationException($"mount -t bpf on {directory} failed with errno {errno}.");
        }
        return new BpfFileSystem(directory);
    }

    public void Dispose()
    {
        // Detach so a pin still held open elsewhere cannot keep the directory busy.
        UnmountFileSystem(Path, MntDetach);
        Directory.Delete(Path);
    }

    [LibraryImport("libc", EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MountFileSystem(string source, string target, string type, ulong flags, nint data);

    [LibraryImport("libc", EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UnmountFileSystem(string target, int flags);
}
