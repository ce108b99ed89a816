using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// Waits, without spinning, until a ring buffer or perf buffer has records: an epoll set over the buffers'
/// descriptors (EPOLLIN, level-triggered, as libbpf's ring_buffer and perf_buffer use it) plus an eventfd that
/// wakes a wait early for cancellation or disposal. Asynchronous waits block in epoll_wait on one dedicated
/// background thread per reader, started on the first such wait, never on a thread-pool thread.
/// </summary>
/// <remarks>
/// A reader serves one consumer at a time, so one asynchronous wait is in progress at most. <see cref="Dispose"/>
/// returns only once every wait has ended, so the caller may then unmap what <c>hasData</c> looks at.
/// </remarks>
internal sealed unsafe class EventPoll : IDisposable
{
    private const ulong WakeData = ulong.MaxValue;
    private const int EventsPerWait = 8;

    private readonly BpfFileDescriptor _epoll;
    private readonly BpfFileDescriptor _wake;
    private readonly Func<bool> _hasData;
    private readonly string _owner;
    private readonly object _gate = new();
    private Thread? _waiter;
    private (TaskCompletionSource<bool> Completion, CancellationToken Token)? _pending;
    private int _activeWaits;
    private volatile bool _stopping;

    /// <param name="owner">The reader, for messages and the waiting thread's name.</param>
    /// <param name="hasData">
    /// Whether records are there: a wait returns true exactly when this does, checked before and after each
    /// epoll_wait. Readiness alone would mislead: a perf event reports a wakeup to poll once (kernel:
    /// kernel/events/core.c, perf_poll), so it stays readable after its records were taken and is not readable
    /// again while records remain unread.
    /// </param>
    public EventPoll(string owner, Func<bool> hasData)
    {
        _owner = owner;
        _hasData = hasData;
        _epoll = Open(LibC.EpollCreate(LibC.EpollCloseOnExec), "epoll_create1");
        try
        {
            _wake = Open(LibC.EventFd(0, LibC.EventFdCloseOnExec | LibC.EventFdNonBlocking), "eventfd");
            Add(_wake, WakeData);
        }
        catch
        {
            _wake?.Dispose();
            _epoll.Dispose();
            throw;
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has begun.</summary>
    public bool IsDisposed => _stopping;

    /// <summary>Watches <paramref name="descriptor"/> for EPOLLIN.</summary>
    public void Add(BpfFileDescriptor descriptor) => Add(descriptor, 0);

    private void Add(BpfFileDescriptor descriptor, ulong data)
    {
        using var epoll = _epoll.Borrow();
        using var target = descriptor.Borrow();
        byte* @event = stackalloc byte[16];
        *(uint*)@event = LibC.EpollIn;
        *(ulong*)(@event + LibC.EpollEventDataOffset) = data;
        if (LibC.EpollControl(epoll.Fd, LibC.EpollControlAdd, target.Fd, @event) != 0)
            throw Failure("epoll_ctl(EPOLL_CTL_ADD)", Marshal.GetLastPInvokeError());
    }

    /// <summary>Blocks until records are there, the timeout passes, the token is cancelled or the poll is disposed.</summary>
    /// <param name="timeoutMilliseconds">-1 waits without a limit.</param>
    /// <param name="cancellationToken">Wakes the wait when cancelled.</param>
    /// <returns>True when records are there; false otherwise.</returns>
    public bool Wait(int timeoutMilliseconds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_stopping)
                return false;
            _activeWaits++;
        }
        try
        {
            return WaitUntilReady(timeoutMilliseconds, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                if (--_activeWaits == 0)
                    Monitor.PulseAll(_gate);
            }
        }
    }

    private bool WaitUntilReady(int timeoutMilliseconds, CancellationToken cancellationToken)
    {
        long deadline = timeoutMilliseconds < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMilliseconds;
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((EventPoll)state!).Wake(), this)
            : default;
        using var epoll = _epoll.Borrow();
        int size = LibC.EpollEventSize;
        byte* events = stackalloc byte[EventsPerWait * 16];
        bool expired = false;
        while (true)
        {
            if (_stopping || cancellationToken.IsCancellationRequested)
                return false;
            // The buffers decide, not the readiness report: a perf event stays readable after its records were read
            // until poll is called once more, and a wakeup can come after the records it announced were taken.
            if (_hasData())
                return true;
            if (expired)
                return false;
            int remaining = timeoutMilliseconds < 0 ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
            int count = LibC.EpollWait(epoll.Fd, events, EventsPerWait, remaining);
            if (count < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                    continue;
                throw Failure("epoll_wait", errno);
            }
            for (int i = 0; i < count; i++)
                if (*(ulong*)(events + i * size + LibC.EpollEventDataOffset) == WakeData && !_stopping)
                    DrainWake();    // a stopping poll leaves the eventfd readable, so every waiter sees it
            expired = timeoutMilliseconds >= 0 && (count == 0 || Environment.TickCount64 >= deadline);
        }
    }

    /// <summary>
    /// Waits on the dedicated thread. Completes with true when records are there, false when the poll is
    /// disposed; cancellation cancels the task.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another asynchronous wait is in progress.</exception>
    public Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<bool>(cancellationToken);
        lock (_gate)
        {
            if (_stopping)
                return Task.FromResult(false);
            if (_pending is not null)
                throw new InvalidOperationException($"{_owner} is already being waited on; a reader serves one consumer at a time.");
            // Continuations run elsewhere, so a consumer that disposes the reader never runs on the waiting thread.
            var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending = (completion, cancellationToken);
            if (_waiter is null)
            {
                _waiter = new Thread(RunWaiter) { IsBackground = true, Name = "EbpfSharp reader wait" };
                _waiter.Start();
            }
            Monitor.Pulse(_gate);
            return completion.Task;
        }
    }

    private void RunWaiter()
    {
        while (true)
        {
            (TaskCompletionSource<bool> Completion, CancellationToken Token) request;
            lock (_gate)
            {
                while (_pending is null && !_stopping)
                    Monitor.Wait(_gate);
                if (_stopping)
                {
                    _pending?.Completion.TrySetResult(false);
                    _pending = null;
                    return;
                }
                request = _pending!.Value;
            }
            bool ready = false;
            Exception? failure = null;
            try
            {
                ready = Wait(Timeout.Infinite, request.Token);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            lock (_gate)
                _pending = null;
            if (failure is not null)
                request.Completion.TrySetException(failure);
            else if (!ready && request.Token.IsCancellationRequested)
                request.Completion.TrySetCanceled(request.Token);
            else
                request.Completion.TrySetResult(ready);
        }
    }

    /// <summary>Ends every wait and the waiting thread, then closes the descriptors.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
                return;
            _stopping = true;
            Monitor.Pulse(_gate);
        }
        Wake();
        // The readers unmap their buffers after this returns, so no wait may still be checking them.
        lock (_gate)
        {
            while (_activeWaits > 0)
                Monitor.Wait(_gate);
        }
        if (_waiter is not null && _waiter != Thread.CurrentThread)
            _waiter.Join();
        _wake.Dispose();
        _epoll.Dispose();
    }

    private void Wake()
    {
        if (_wake.IsClosed)
            return;
        using var wake = _wake.Borrow();
        ulong one = 1;
        LibC.Write(wake.Fd, &one, sizeof(ulong));   // EAGAIN only when the counter is full, which still wakes
    }

    private void DrainWake()
    {
        using var wake = _wake.Borrow();
        ulong value;
        LibC.Read(wake.Fd, &value, sizeof(ulong));   // non-blocking: EAGAIN when another waiter drained it first
    }

    private BpfFileDescriptor Open(int fd, string call) =>
        fd >= 0 ? new BpfFileDescriptor(fd) : throw Failure(call, Marshal.GetLastPInvokeError());

    private BpfException Failure(string call, int errno) =>
        BpfErrors.FromErrno(errno, $"Waiting for records of {_owner} failed: {call} returned {Errno.Name(errno)}");
}
