using System.Text;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// Pinning gives a map a path in a bpf file system (BPF_OBJ_PIN), so it outlives this process and other
// processes can open it (BPF_OBJ_GET). Only a bpf file system (usually /sys/fs/bpf) accepts pins.
public sealed partial class BpfMap
{
    /// <summary>Pins the map at <paramref name="path"/>, a new name inside a bpf file system. Delete the file to unpin.</summary>
    /// <exception cref="BpfInvalidArgumentException">The directory is not on a bpf file system (the kernel answers EPERM).</exception>
    /// <exception cref="BpfConflictException">Something already exists at <paramref name="path"/> (EEXIST).</exception>
    /// <exception cref="BpfNotFoundException">The directory does not exist (ENOENT).</exception>
    public unsafe void Pin(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var lease = Lease();
        long result;
        fixed (byte* pathBytes = NulTerminated(path))
        {
            var attributes = new MapPinAttributes { PathName = (ulong)pathBytes, BpfFd = (uint)lease.Fd };
            result = BpfSyscall.Call(BpfCommand.ObjectPin, &attributes, sizeof(MapPinAttributes));
        }
        if (result >= 0)
            return;
        int errno = (int)-result;
        string what = $"Pinning {Label} at '{path}' failed: bpf(BPF_OBJ_PIN) returned {Errno.Name(errno)}";
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        throw errno switch
        {
            // kernel: kernel/bpf/inode.c, bpf_obj_do_pin refuses directories outside a bpf file system with EPERM.
            Errno.EPERM when !IsOnBpfFileSystem(directory) => new BpfInvalidArgumentException(
                $"{what}. '{directory}' is not on a bpf file system; pin below /sys/fs/bpf, or mount one first ('mount -t bpf bpf /sys/fs/bpf').", errno),
            Errno.EEXIST => new BpfConflictException(
                $"{what}. Something is already pinned or stored at '{path}'; delete that file to unpin it, or choose another path.", errno),
            Errno.ENOENT => new BpfNotFoundException(
                $"{what}. The directory '{directory}' does not exist; create it first (directories can be created inside a bpf file system).", errno),
            _ => BpfErrors.FromErrno(errno, what),
        };
    }

    /// <summary>
    /// Opens the map pinned at <paramref name="path"/> (BPF_OBJ_GET) and reads its shape and name from the
    /// kernel. The returned map owns a new descriptor; disposing it does not unpin the map.
    /// </summary>
    /// <exception cref="BpfNotFoundException">Nothing is pinned at <paramref name="path"/> (ENOENT).</exception>
    /// <exception cref="BpfInvalidArgumentException">The path is not a pinned bpf object, or the object is not a map.</exception>
    public static unsafe BpfMap OpenPinned(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long result;
        fixed (byte* pathBytes = NulTerminated(path))
        {
            var attributes = new MapPinAttributes { PathName = (ulong)pathBytes };
            result = BpfSyscall.Call(BpfCommand.ObjectGet, &attributes, sizeof(MapPinAttributes));
        }
        if (result < 0)
        {
            int errno = (int)-result;
            string what = $"Opening the map pinned at '{path}' failed: bpf(BPF_OBJ_GET) returned {Errno.Name(errno)}";
            throw errno switch
            {
                Errno.ENOENT => new BpfNotFoundException($"{what}. Nothing is pinned there.", errno),
                // kernel: kernel/bpf/inode.c, bpf_inode_type answers EACCES for a file that is not a bpf object.
                Errno.EACCES when !IsOnBpfFileSystem(path) => new BpfInvalidArgumentException(
                    $"{what}. The path is not on a bpf file system, so it cannot hold a pinned map.", errno),
                _ => BpfErrors.FromErrno(errno, what),
            };
        }

        var handle = new BpfFileDescriptor((int)result);
        try
        {
            // A pin can hold a program or link too; their info has another layout.
            if (!MapDescriptorFacts.IsMap(handle.Value))
                throw new BpfInvalidArgumentException(
                    $"The object pinned at '{path}' is not a map ({MapDescriptorFacts.Target(handle.Value) ?? "unknown kind"}).", 0);
            var info = ReadInfo(handle.Value, () => $"Reading the info of the map pinned at '{path}'");
            return new BpfMap(handle, info.Name, info.Type, info.KeySize, info.ValueSize, info.MaxEntries, info.Flags) { _id = info.Id };
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static byte[] NulTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");

    private static bool IsOnBpfFileSystem(string path) => LibC.FileSystemType(path) == LibC.BpfFileSystemMagic;
}
