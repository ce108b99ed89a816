using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// BPF_OBJ_GET_INFO_BY_FD and BPF_MAP_FREEZE.
public sealed partial class BpfMap
{
    private int _id;

    /// <summary>The kernel-wide map id (as bpftool shows it); read once, then cached.</summary>
    /// <exception cref="ObjectDisposedException">The map has been disposed.</exception>
    public int Id => _id != 0 ? _id : _id = GetInfo().Id;

    /// <summary>Asks the kernel what it knows about the map.</summary>
    /// <exception cref="ObjectDisposedException">The map has been disposed.</exception>
    public MapInfo GetInfo()
    {
        using var lease = Lease();
        return ReadInfo(lease.Fd, () => $"Reading the info of {Label}");
    }

    /// <summary>
    /// Makes the map read-only for user space (BPF_MAP_FREEZE); programs can still change it unless it was
    /// created with <see cref="BpfMapFlags.ReadOnlyProgram"/>. This is how <c>.rodata</c> becomes constant for the verifier.
    /// Freezing is permanent.
    /// </summary>
    /// <exception cref="BpfConflictException">A writable <see cref="MappedMemory"/> of the map is open (EBUSY).</exception>
    /// <exception cref="BpfPermissionException">The map is already frozen, or read-only for user space (EPERM).</exception>
    public unsafe void Freeze()
    {
        using var lease = Lease();
        // kernel: include/uapi/linux/bpf.h, union bpf_attr: BPF_MAP_FREEZE reads only map_fd, at offset 0.
        var attributes = new MapElementAttributes { MapFd = (uint)lease.Fd };
        long result = BpfSyscall.Call(BpfCommand.MapFreeze, &attributes, sizeof(MapElementAttributes));
        if (result < 0)
            throw MapErrors.Create(this, BpfCommand.MapFreeze, (int)-result, $"Freezing {Label}");
    }

    /// <summary>Reads struct bpf_map_info for a map descriptor.</summary>
    private static unsafe MapInfo ReadInfo(int fd, Func<string> operation)
    {
        MapKernelInfo info = default;
        var attributes = new ObjectInfoAttributes
        {
            BpfFd = (uint)fd,
            InfoLength = (uint)sizeof(MapKernelInfo),
            Info = (ulong)&info,
        };
        BpfSyscall.Invoke(BpfCommand.ObjectGetInfoByFd, ref attributes, operation);
        return new MapInfo(
            (BpfMapType)info.Type,
            (int)info.Id,
            (int)info.KeySize,
            (int)info.ValueSize,
            (int)info.MaxEntries,
            (BpfMapFlags)info.MapFlags,
            KernelName.Read(info.Name),
            (int)info.BtfId,
            (int)info.BtfKeyTypeId,
            (int)info.BtfValueTypeId,
            info.MapExtra,
            (int)info.IfIndex);
    }
}
