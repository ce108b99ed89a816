using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

// fentry, fexit, fmod_ret, tp_btf and lsm: programs loaded against a vmlinux BTF id attach with BPF_LINK_CREATE
// (kernel: kernel/bpf/syscall.c, link_create → bpf_tracing_prog_attach / bpf_raw_tp_link_attach; libbpf:
// bpf_program__attach_trace, bpf_program__attach_lsm).
public sealed partial class BpfProgram
{
    /// <summary>
    /// Attaches this tracing program (fentry, fexit, fmod_ret, tp_btf) or LSM program to the kernel function, BTF
    /// tracepoint or LSM hook it was loaded against (its section's target, for example <c>fentry/do_unlinkat</c>),
    /// with BPF_LINK_CREATE (kernel 5.7+). Disposing the link detaches it.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is not a tracing or LSM program, or it is an iterator.</exception>
    /// <exception cref="BpfConflictException">A program is already attached there and the kernel allows only one (fmod_ret on some functions).</exception>
    /// <exception cref="BpfNotSupportedException">The kernel cannot attach it (an LSM program without the BPF LSM enabled, a function the trampoline cannot reach).</exception>
    public BpfLink AttachTracing() => AttachTracing(0);

    /// <summary>Attaches like <see cref="AttachTracing()"/>, with a cookie the program reads with bpf_get_attach_cookie (kernel 5.19+).</summary>
    /// <param name="cookie">The value bpf_get_attach_cookie returns in the program.</param>
    /// <inheritdoc cref="AttachTracing()"/>
    public unsafe BpfLink AttachTracing(ulong cookie)
    {
        RequireType("AttachTracing", "fentry/<function>", BpfProgramType.Tracing, BpfProgramType.Lsm);
        if (ExpectedAttachType == BpfAttachType.TraceIterator)
            throw new InvalidOperationException($"{this} is a BPF iterator (section iter/...), which is read through an iterator link, not attached to a hook.");
        if (ExpectedAttachType == BpfAttachType.None)
            throw new InvalidOperationException(
                $"AttachTracing needs the attach type {this} was loaded with (fentry, fexit, fmod_ret, tp_btf or lsm), which a program opened from a pin does not carry. Load it from its object instead.");
        string kind = ExpectedAttachType switch
        {
            BpfAttachType.TraceFentry => "fentry",
            BpfAttachType.TraceFexit => "fexit",
            BpfAttachType.ModifyReturn => "fmod_ret",
            BpfAttachType.TraceRawTracepoint => "tp_btf",
            BpfAttachType.LsmMac => "lsm",
            var other => other.ToString(),
        };
        string targetName = SectionName is not null && ProgramSection.Target(SectionName) is { Length: > 0 } name ? name : "its BTF target";
        string target = $"{kind} {targetName}";
        using var lease = Handle.Borrow();
        var attributes = new LinkCreateAttributes
        {
            ProgramFd = (uint)lease.Fd,
            AttachType = (uint)ExpectedAttachType,
            TracingCookie = cookie,
        };
        long result = BpfSyscall.Call(BpfCommand.LinkCreate, &attributes, sizeof(LinkCreateAttributes));
        if (result >= 0)
            return new BpfLink(BpfLinkKind.Tracing, $"{this} attached to {target}", new BpfFileDescriptor((int)result));

        int errno = (int)-result;
        string operation = $"Attaching {this} to {target} failed: bpf(BPF_LINK_CREATE) returned {Errno.Name(errno)}";
        throw errno switch
        {
            Errno.EBUSY or Errno.EEXIST => new BpfConflictException(
                $"{operation}: the kernel allows no more programs of this kind on {targetName}; dispose the link that holds it first.", errno),
            Errno.EOPNOTSUPP or Errno.ENOTSUPP when Type == BpfProgramType.Lsm => new BpfNotSupportedException(
                $"{operation}: the BPF LSM is not active on this kernel (it needs CONFIG_BPF_LSM and 'bpf' in the lsm= boot parameter, see /sys/kernel/security/lsm).", errno),
            Errno.EOPNOTSUPP or Errno.ENOTSUPP => new BpfNotSupportedException(
                $"{operation}: the kernel cannot attach a BPF trampoline to {targetName} (it needs CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS, and the function must be traceable).", errno),
            Errno.EINVAL when cookie != 0 => new BpfInvalidArgumentException(
                $"{operation}: the kernel refused the link (attach cookies on tracing links need kernel 5.19+), or the program was loaded without a BTF target.", errno),
            _ => BpfErrors.FromErrno(errno, BpfCommand.LinkCreate, $"Attaching {this} to {target}"),
        };
    }
}
