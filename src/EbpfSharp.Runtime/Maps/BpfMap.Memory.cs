using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

// mmap() of BPF_F_MMAPABLE array maps (kernel: kernel/bpf/syscall.c, bpf_map_mmap; kernel/bpf/arraymap.c, array_map_mmap).
public sealed partial class BpfMap
{
    /// <summary>
    /// Maps the values of an array map created with <see cref="BpfMapFlags.Mmapable"/> into this process. The
    /// mapping is writable unless the kernel refuses that (frozen map, <see cref="BpfMapFlags.ReadOnlyProgram"/>),
    /// in which case it is read-only. While a writable mapping is open the map cannot be frozen.
    /// </summary>
    /// <exception cref="InvalidOperationException">The map is not a mmapable array.</exception>
    /// <exception cref="BpfException">mmap() failed.</exception>
    public MappedMemory Map()
    {
        if (Type != BpfMapType.Array || (Flags & BpfMapFlags.Mmapable) == 0)
            throw new InvalidOperationException(
                $"{Label} cannot be memory-mapped: only Array maps created with BpfMapFlags.Mmapable can (as global data maps are).");
        int stride = (ValueSize + 7) & ~7;
        int pageSize = LibC.PageSize;
        long bytes = (long)stride * MaxEntries;
        int length = checked((int)((bytes + pageSize - 1) / pageSize * pageSize));

        using var lease = Lease();
        nint address = LibC.Mmap(0, (nuint)length, LibC.ProtRead | LibC.ProtWrite, LibC.MapShared, lease.Fd, 0);
        if (address != LibC.MapFailed)
            return new MappedMemory(address, length, stride, isReadOnly: false, Label);
        int errno = Marshal.GetLastPInvokeError();
        // bpf_map_mmap answers EPERM for a frozen map and EACCES for BPF_F_RDONLY_PROG; a read-only view still works.
        if (errno is Errno.EPERM or Errno.EACCES)
        {
            address = LibC.Mmap(0, (nuint)length, LibC.ProtRead, LibC.MapShared, lease.Fd, 0);
            if (address != LibC.MapFailed)
                return new MappedMemory(address, length, stride, isReadOnly: true, Label);
            errno = Marshal.GetLastPInvokeError();
        }
        throw BpfErrors.FromErrno(errno, $"Memory-mapping {Label} ({length} bytes) failed: mmap returned {Errno.Name(errno)}");
    }
}
