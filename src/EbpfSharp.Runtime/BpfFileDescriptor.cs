using System.Runtime.InteropServices;

using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// Owns one file descriptor returned by bpf() or perf_event_open(): a map, program, link, BTF object or
/// perf event. Closing it (Dispose, or the finalizer) releases the kernel object's reference.
/// The kernel opens all of these with O_CLOEXEC.
/// </summary>
public sealed class BpfFileDescriptor : SafeHandle
{
    /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
    public BpfFileDescriptor(int fd) : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    /// <inheritdoc />
    public override bool IsInvalid => handle < 0;

    /// <summary>
    /// The descriptor number, for passing to the kernel. The handle must stay alive (not disposed) while the
    /// number is in use; <see cref="Lease"/> guarantees that across a call.
    /// </summary>
    public int Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (int)handle;
        }
    }

    /// <summary>Keeps the descriptor open until the lease is disposed, even if another thread disposes this handle.</summary>
    public Lease Borrow() => new(this);

    /// <inheritdoc />
    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;

    /// <summary>A reference that keeps a descriptor open for the duration of a kernel call.</summary>
    public readonly ref struct Lease
    {
        private readonly BpfFileDescriptor? _owner;

        internal Lease(BpfFileDescriptor owner)
        {
            bool added = false;
            owner.DangerousAddRef(ref added);
            _owner = owner;
            Fd = (int)owner.DangerousGetHandle();
        }

        /// <summary>The descriptor number, valid until <see cref="Dispose"/>.</summary>
        public int Fd { get; }

        /// <summary>Releases the reference.</summary>
        public void Dispose() => _owner?.DangerousRelease();
    }
}
