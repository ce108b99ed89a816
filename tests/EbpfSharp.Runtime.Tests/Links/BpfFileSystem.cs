using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>A bpf filesystem mounted in a fresh temporary directory for one test, unmounted and removed on dispose.</summary>
internal sealed class BpfFileSystem : IDisposable
{
    private BpfFileSystem(string path) => Path = path;

    public string Path { get; }

    public static BpfFileSystem MountTemporary()
    {
        string path = Directory.CreateTempSubdirectory("ebpfsharp-bpffs-").FullName;
        Tools.RunChecked("mount", "-t", "bpf", "bpf", path);
        return new BpfFileSystem(path);
    }

    public void Dispose()
    {
        Tools.Run("umount", [Path]);
        Directory.Delete(Path);
    }
}
