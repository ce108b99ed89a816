using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// XDP attachment, and the program-type check every Attach method starts with.
public sealed partial class BpfProgram
{
    /// <summary>
    /// Attaches this XDP program to the interface named <paramref name="interfaceName"/> with BPF_LINK_CREATE
    /// (kernel 5.9+). The name is resolved in the calling thread's network namespace: to attach inside a
    /// <see cref="Networking.NetworkNamespace"/>, call this from its <c>Run</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is not an XDP program.</exception>
    /// <exception cref="BpfNotFoundException">There is no such interface in this namespace.</exception>
    /// <exception cref="BpfConflictException">The interface already has an XDP program.</exception>
    /// <exception cref="BpfNotSupportedException"><see cref="XdpAttachMode.Driver"/> on a driver without native XDP.</exception>
    public BpfLink AttachXdp(string interfaceName, XdpAttachMode mode = XdpAttachMode.Default)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        RequireType("AttachXdp", "xdp", BpfProgramType.Xdp);
        int ifindex = InterfaceNames.IndexOf(interfaceName) ?? throw new BpfNotFoundException(
            $"Attaching {this} to XDP of '{interfaceName}' failed: there is no interface '{interfaceName}' in the calling thread's network namespace. " +
            "List interfaces with 'ip link'; for one inside a NetworkNamespace, attach from its Run method.", Errno.ENODEV);
        return AttachXdp(ifindex, interfaceName, mode);
    }

    /// <summary>Attaches this XDP program to the interface with index <paramref name="ifindex"/> in the calling thread's network namespace.</summary>
    /// <inheritdoc cref="AttachXdp(string, XdpAttachMode)"/>
    public BpfLink AttachXdp(int ifindex, XdpAttachMode mode = XdpAttachMode.Default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ifindex);
        RequireType("AttachXdp", "xdp", BpfProgramType.Xdp);
        // The kernel answers a missing ifindex with a bare EINVAL (net/core/dev.c, bpf_xdp_link_attach); ask first.
        string interfaceName = InterfaceNames.NameOf(ifindex) ?? throw new BpfNotFoundException(
            $"Attaching {this} to XDP of ifindex {ifindex} failed: there is no interface with index {ifindex} in the calling thread's network namespace.", Errno.ENODEV);
        return AttachXdp(ifindex, interfaceName, mode);
    }

    private unsafe BpfLink AttachXdp(int ifindex, string interfaceName, XdpAttachMode mode)
    {
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Use Default, Generic or Driver.");
        string modeName = mode switch { XdpAttachMode.Generic => "generic mode", XdpAttachMode.Driver => "driver mode", _ => "default mode" };
        string target = $"XDP of {interfaceName} (ifindex {ifindex}, {modeName})";
        using var lease = Handle.Borrow();
        var attributes = new LinkCreateAttributes
        {
            ProgramFd = (uint)lease.Fd,
            Target = (uint)ifindex,
            AttachType = (uint)BpfAttachType.Xdp,
            Flags = (uint)mode,
        };
        long result = BpfSyscall.Call(BpfCommand.LinkCreate, &attributes, sizeof(LinkCreateAttributes));
        if (result >= 0)
            return new BpfLink(BpfLinkKind.Xdp, $"{this} attached to {target}", new BpfFileDescriptor((int)result));

        int errno = (int)-result;
        string operation = $"Attaching {this} to {target} failed";
        throw errno switch
        {
            // kernel: net/core/dev.c, dev_xdp_attach: EBUSY for an existing link or program, EEXIST for the other mode.
            Errno.EBUSY or Errno.EEXIST => new BpfConflictException(
                $"{operation}: the interface already has an XDP program attached ({Errno.Name(errno)}). Dispose the link that holds it, " +
                $"or for a program attached by ip/netlink run 'ip link set dev {interfaceName} xdp off', then attach again.", errno),
            Errno.EOPNOTSUPP or Errno.ENOTSUPP when mode == XdpAttachMode.Driver => new BpfNotSupportedException(
                $"{operation}: the driver of {interfaceName} has no native XDP support. Use XdpAttachMode.Generic (or Default).", errno),
            Errno.EINVAL when ExpectedAttachType is BpfAttachType.XdpDevMap or BpfAttachType.XdpCpuMap => new BpfInvalidArgumentException(
                $"{operation} (EINVAL): the program was loaded for a {ExpectedAttachType} entry, which the kernel runs from a map, not on an interface. Load it with ExpectedAttachType = BpfAttachType.Xdp.", errno),
            _ => BpfErrors.FromErrno(errno, BpfCommand.LinkCreate, $"Attaching {this} to {target}"),
        };
    }

    /// <summary>Throws unless this program has one of <paramref name="types"/>: the kernel would refuse it with a bare EINVAL.</summary>
    private void RequireType(string method, string section, params BpfProgramType[] types)
    {
        if (types.Contains(Type))
            return;
        string expected = string.Join(" or ", types);
        throw new InvalidOperationException(
            $"{method} needs a program of type {expected}, but '{Name}' is of type {Type}. Load it with BpfProgramType.{types[0]} (section \"{section}\").");
    }
}
