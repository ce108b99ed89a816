using System.Text;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime.Interop;

/// <summary>
/// BPF_OBJ_PIN and BPF_OBJ_GET: give a map, program or link a path in a bpf file system, so it outlives the
/// process, and open it again. Only a bpf file system (usually /sys/fs/bpf) accepts pins.
/// </summary>
internal static unsafe class ObjectPaths
{
    /// <summary>Pins the object behind <paramref name="handle"/> (described by <paramref name="label"/>) at <paramref name="path"/>.</summary>
    public static void Pin(BpfFileDescriptor handle, string path, string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long result;
        using (var lease = handle.Borrow())
        fixed (byte* pathBytes = NulTerminated(path))
        {
            var attributes = new ObjectPathAttributes { PathName = (ulong)pathBytes, BpfFd = (uint)lease.Fd };
            result = BpfSyscall.Call(BpfCommand.ObjectPin, &attributes, sizeof(ObjectPathAttributes));
        }
        if (result >= 0)
            return;
        int errno = (int)-result;
        string what = $"Pinning {label} at '{path}' failed: bpf(BPF_OBJ_PIN) returned {Errno.Name(errno)}";
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        throw errno switch
        {
            // kernel: kernel/bpf/inode.c, bpf_lookup reserves '.' in names for future extensions (EPERM).
            Errno.EPERM when Path.GetFileName(path).Contains('.') && IsOnBpfFileSystem(directory) => new BpfInvalidArgumentException(
                $"{what}. A bpf file system does not allow '.' in names; use '{SafeName(Path.GetFileName(path))}' instead.", errno),
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
    /// Opens the object pinned at <paramref name="path"/> and checks that it is a <paramref name="kind"/>
    /// (one of the <see cref="DescriptorFacts"/> link names), named <paramref name="noun"/> in messages.
    /// </summary>
    public static BpfFileDescriptor Open(string path, string kind, string noun)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long result;
        fixed (byte* pathBytes = NulTerminated(path))
        {
            var attributes = new ObjectPathAttributes { PathName = (ulong)pathBytes };
            result = BpfSyscall.Call(BpfCommand.ObjectGet, &attributes, sizeof(ObjectPathAttributes));
        }
        if (result < 0)
        {
            int errno = (int)-result;
            string what = $"Opening the {noun} pinned at '{path}' failed: bpf(BPF_OBJ_GET) returned {Errno.Name(errno)}";
            throw errno switch
            {
                Errno.ENOENT => new BpfNotFoundException($"{what}. Nothing is pinned there.", errno),
                // kernel: kernel/bpf/inode.c, bpf_inode_type answers EACCES for a file that is not a bpf object.
                Errno.EACCES when !IsOnBpfFileSystem(path) => new BpfInvalidArgumentException(
                    $"{what}. The path is not on a bpf file system, so it cannot hold a pinned {noun}.", errno),
                _ => BpfErrors.FromErrno(errno, what),
            };
        }
        var handle = new BpfFileDescriptor((int)result);
        string? target = DescriptorFacts.Target(handle.Value);
        if (target != kind)
        {
            handle.Dispose();
            throw new BpfInvalidArgumentException($"The object pinned at '{path}' is not a {noun} ({target ?? "unknown kind"}).", 0);
        }
        return handle;
    }

    /// <summary>
    /// A name a bpf file system accepts: '.' is reserved there, so it becomes '_' (as libbpf names the pins
    /// of <c>obj.rodata</c>-style maps).
    /// </summary>
    public static string SafeName(string name) => name.Replace('.', '_');

    private static byte[] NulTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");

    private static bool IsOnBpfFileSystem(string path) => LibC.FileSystemType(path) == LibC.BpfFileSystemMagic;
}
