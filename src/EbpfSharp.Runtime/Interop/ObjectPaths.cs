using System.Text;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime.Interop;

/// <summary>BPF_OBJ_PIN and BPF_OBJ_GET: give a map, program or link a path in a bpf filesystem, and open it again.</summary>
internal static unsafe class ObjectPaths
{
    /// <summary>Pins the object behind <paramref name="handle"/> at <paramref name="path"/>.</summary>
    public static void Pin(BpfFileDescriptor handle, string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        using var lease = handle.Borrow();
        fixed (byte* pathName = bytes)
        {
            var attributes = new ObjectPathAttributes { PathName = (ulong)pathName, BpfFd = (uint)lease.Fd };
            long result = BpfSyscall.Call(BpfCommand.ObjectPin, &attributes, sizeof(ObjectPathAttributes));
            if (result < 0)
                throw PathError((int)-result, BpfCommand.ObjectPin, $"Pinning {what} at '{path}'", path);
        }
    }

    /// <summary>Opens the object pinned at <paramref name="path"/>.</summary>
    public static BpfFileDescriptor Open(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* pathName = bytes)
        {
            var attributes = new ObjectPathAttributes { PathName = (ulong)pathName };
            long result = BpfSyscall.Call(BpfCommand.ObjectGet, &attributes, sizeof(ObjectPathAttributes));
            if (result < 0)
                throw PathError((int)-result, BpfCommand.ObjectGet, $"Opening the {what} pinned at '{path}'", path);
            return new BpfFileDescriptor((int)result);
        }
    }

    private static BpfException PathError(int errno, BpfCommand command, string operation, string path) => errno switch
    {
        Errno.EPERM when !IsOnBpfFileSystem(path) => new BpfInvalidArgumentException(
            $"{operation} failed: '{Path.GetDirectoryName(path)}' is not on a bpf filesystem. Pin under /sys/fs/bpf (mount -t bpf bpf /sys/fs/bpf).", errno),
        Errno.EEXIST => new BpfConflictException($"{operation} failed: the path already exists. Delete it first or choose another path.", errno),
        Errno.ENOENT => new BpfNotFoundException($"{operation} failed: the path or its directory does not exist.", errno),
        _ => BpfErrors.FromErrno(errno, command, operation),
    };

    private static bool IsOnBpfFileSystem(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null || !File.Exists("/proc/self/mounts"))
            return false;
        return File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' '))
            .Any(fields => fields.Length > 2 && fields[2] == "bpf"
                && (directory == fields[1] || directory.StartsWith(fields[1].TrimEnd('/') + "/", StringComparison.Ordinal)));
    }
}
