using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

// Pinning gives a map a path in a bpf file system (BPF_OBJ_PIN), so it outlives this process and other
// processes can open it (BPF_OBJ_GET). Only a bpf file system (usually /sys/fs/bpf) accepts pins.
public sealed partial class BpfMap
{
    /// <summary>Pins the map at <paramref name="path"/>, a new name inside a bpf file system. Delete the file to unpin.</summary>
    /// <exception cref="BpfInvalidArgumentException">The directory is not on a bpf file system (the kernel answers EPERM).</exception>
    /// <exception cref="BpfConflictException">Something already exists at <paramref name="path"/> (EEXIST).</exception>
    /// <exception cref="BpfNotFoundException">The directory does not exist (ENOENT).</exception>
    public void Pin(string path) => ObjectPaths.Pin(Handle, path, Label);

    /// <summary>
    /// Opens the map pinned at <paramref name="path"/> (BPF_OBJ_GET) and reads its shape and name from the
    /// kernel. The returned map owns a new descriptor; disposing it does not unpin the map.
    /// </summary>
    /// <exception cref="BpfNotFoundException">Nothing is pinned at <paramref name="path"/> (ENOENT).</exception>
    /// <exception cref="BpfInvalidArgumentException">The path is not a pinned bpf object, or the object is not a map.</exception>
    public static BpfMap OpenPinned(string path)
    {
        var handle = ObjectPaths.Open(path, DescriptorFacts.Map, "map");
        try
        {
            var info = ReadInfo(handle.Value, () => $"Reading the info of the map pinned at '{path}'");
            return new BpfMap(handle, info.Name, info.Type, info.KeySize, info.ValueSize, info.MaxEntries, info.Flags) { _id = info.Id };
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
