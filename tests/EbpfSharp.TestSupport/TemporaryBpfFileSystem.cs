using System.Runtime.InteropServices;

namespace EbpfSharp.TestSupport;

/// <summary>
/// A private bpf filesystem mounted on a new temporary directory, for tests that pin objects. Dispose
/// unmounts it (which drops every pin inside) and deletes the directory.
/// </summary>
public sealed partial class TemporaryBpfFileSystem : IDisposable
{
    private const ulong MountDetach = 2;   // MNT_DETACH (include/linux/fs.h)

    /// <summary>Mounts a bpf filesystem on a fresh directory under /tmp.</summary>
    public TemporaryBpfFileSystem()
    {
        Root = Directory.CreateTempSubdirectory("ebpfsharp-bpffs-").FullName;
        if (Mount("bpf", Root, "bpf", 0, 0) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Directory.Delete(Root);
            throw new InvalidOperationException($"Mounting a bpf filesystem on {Root} failed with errno {errno}; the tests need root.");
        }
    }

    /// <summary>The mount point.</summary>
    public string Root { get; }

    /// <summary>A path inside the filesystem.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Unmounts and deletes the directory.</summary>
    public void Dispose()
    {
        Unmount(Root, MountDetach);
        try
        {
            Directory.Delete(Root, recursive: false);
        }
        catch (IOException)
        {
            // Another mount stacked on it (a crashed test); the lazy unmount still releases everything.
        }
    }

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mount(string source, string target, string fileSystemType, ulong flags, nint data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Unmount(string target, ulong flags);
}
