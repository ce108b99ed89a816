using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Keeps the descriptor open across one short kernel call made by this thread, without an atomic operation
    /// on the way in or out (a <see cref="Borrow"/> costs two, which is measurable next to a 0.5 µs bpf() call).
    /// </summary>
    /// <remarks>
    /// The thread publishes the descriptor in its own slot, then checks <see cref="SafeHandle.IsClosed"/>. Closing
    /// (<see cref="ReleaseHandle"/>) marks the handle closed, runs a process-wide memory barrier and waits until
    /// no thread's slot holds it: either the caller's slot is seen and the close waits for the call to end, or the
    /// caller sees the handle closed and throws (an asymmetric Dekker handshake; the barrier is the expensive
    /// side and is only paid by descriptors that were ever used this way). One call lease per thread at a time.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The descriptor has been closed.</exception>
    internal CallLease BorrowForCall()
    {
        var slot = t_callSlot ?? CallSlot.ForNewThread();
        slot.InUse = this;
        if (_borrowedForCalls == 0)
            Interlocked.Exchange(ref _borrowedForCalls, 1);   // full fence: a close that missed the flag sees our slot, or we see it closed
        if (IsClosed)
        {
            slot.InUse = null;
            throw new ObjectDisposedException(GetType().FullName);
        }
        return new CallLease(slot, (int)handle);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        if (Volatile.Read(ref _borrowedForCalls) != 0)
        {
            // IsClosed is already true: after the barrier, every thread either sees it or has its slot visible here.
            Interlocked.MemoryBarrierProcessWide();
            foreach (var slot in Volatile.Read(ref CallSlot.All))
            {
                var spin = new SpinWait();
                while (ReferenceEquals(Volatile.Read(ref slot.InUse), this))
                    spin.SpinOnce();
            }
        }
        return LibC.Close((int)handle) == 0;
    }

    // This thread's slot for BorrowForCall. A [ThreadStatic] is read inline; a ThreadLocal<T> costs a call and a
    // few checks, which shows next to a 0.5 µs bpf() call.
    [ThreadStatic] private static CallSlot? t_callSlot;
    private int _borrowedForCalls;

    /// <summary>One thread's slot for <see cref="BorrowForCall"/>; every live thread's slot is scanned when a descriptor used that way is closed.</summary>
    internal sealed class CallSlot
    {
        /// <summary>The slots of every thread that has borrowed, copied on write; slots of threads that have ended are dropped when a new one is added.</summary>
        internal static CallSlot[] All = [];
        private static readonly Lock Registering = new();
        /// <summary>The thread the slot belongs to.</summary>
        internal Thread Owner { get; } = Thread.CurrentThread;

        public BpfFileDescriptor? InUse;

        /// <summary>Creates and registers the calling thread's slot (its first borrow).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static CallSlot ForNewThread()
        {
            var slot = new CallSlot();
            lock (Registering)
                Volatile.Write(ref All, [.. All.Where(other => other.Owner.IsAlive), slot]);
            t_callSlot = slot;
            return slot;
        }
    }

    /// <summary>A descriptor held open for one kernel call by this thread (see <see cref="BorrowForCall"/>).</summary>
    internal readonly ref struct CallLease
    {
        private readonly CallSlot _slot;

        internal CallLease(CallSlot slot, int fd)
        {
            _slot = slot;
            Fd = fd;
        }

        /// <summary>The descriptor number, valid until <see cref="Dispose"/>.</summary>
        public int Fd { get; }

        /// <summary>Ends the call: a close waiting for it may proceed.</summary>
        public void Dispose() => Volatile.Write(ref _slot.InUse, null);
    }

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
