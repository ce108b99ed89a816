using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace EbpfSharp.Runtime.Networking;

/// <summary>
/// An anonymous network namespace, held only by this object's file descriptor: nothing is named in
/// /run/netns, so nothing is left behind if the process dies. Disposing it (once no socket or thread is
/// inside) lets the kernel destroy the namespace with its interfaces. Code runs inside it through
/// <see cref="Run{T}(Func{T})"/>, on a dedicated thread, because a network namespace belongs to a thread:
/// sockets, interface names and XDP attachment all resolve in the calling thread's namespace.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    // The calling thread's namespace; /proc/self/ns/net would be the main thread's (kernel: fs/proc/namespaces.c).
    private const string ThreadNamespacePath = "/proc/thread-self/ns/net";

    private NetworkNamespace(SafeFileHandle handle) => Handle = handle;

    /// <summary>The namespace's file descriptor (an nsfs file), for setns(2) or IFLA_NET_NS_FD.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>
    /// Creates a namespace with only a loopback interface (down). A dedicated thread unshares into it,
    /// opens it, and returns to its original namespace.
    /// </summary>
    /// <exception cref="BpfPermissionException">The process lacks CAP_SYS_ADMIN.</exception>
    public static NetworkNamespace Create() => OnDedicatedThread(() =>
    {
        using var original = OpenThreadNamespace();
        if (LibC.Unshare(LibC.CloneNewNet) != 0)
            throw Failure(Marshal.GetLastPInvokeError(), "Creating a network namespace (unshare(CLONE_NEWNET))");
        try
        {
            return new NetworkNamespace(OpenThreadNamespace());
        }
        finally
        {
            TryEnter(original);
        }
    });

    /// <summary>Runs <paramref name="action"/> on a new thread inside this namespace and returns its result; exceptions propagate.</summary>
    public T Run<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        return OnDedicatedThread(() =>
        {
            using var original = OpenThreadNamespace();
            Enter(Handle);
            try
            {
                return action();
            }
            finally
            {
                TryEnter(original);
            }
        });
    }

    /// <summary>Runs <paramref name="action"/> on a new thread inside this namespace; exceptions propagate.</summary>
    public void Run(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run<object?>(() =>
        {
            action();
            return null;
        });
    }

    /// <summary>Closes the descriptor; the kernel destroys the namespace once nothing else refers to it.</summary>
    public void Dispose() => Handle.Dispose();

    /// <inheritdoc />
    public override string ToString() => Handle.IsClosed ? "network namespace (disposed)" : $"network namespace (fd {Handle.DangerousGetHandle()})";

    private static SafeFileHandle OpenThreadNamespace()
    {
        int fd = LibC.Open(ThreadNamespacePath, LibC.OpenReadOnly | LibC.OpenCloseOnExec);
        if (fd < 0)
            throw Failure(Marshal.GetLastPInvokeError(), $"Opening {ThreadNamespacePath}");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static void Enter(SafeFileHandle target)
    {
        bool added = false;
        target.DangerousAddRef(ref added);
        try
        {
            if (LibC.SetNamespace((int)target.DangerousGetHandle(), LibC.CloneNewNet) != 0)
                throw Failure(Marshal.GetLastPInvokeError(), "Entering a network namespace (setns)");
        }
        finally
        {
            if (added)
                target.DangerousRelease();
        }
    }

    // Best effort: the thread ends right after, which leaves the namespace anyway.
    private static void TryEnter(SafeFileHandle original)
    {
        if (!original.IsClosed)
            LibC.SetNamespace((int)original.DangerousGetHandle(), LibC.CloneNewNet);
    }

    private static T OnDedicatedThread<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        })
        {
            IsBackground = true,
            Name = "EbpfSharp network namespace",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static BpfException Failure(int errno, string operation) => errno is Errno.EPERM or Errno.EACCES
        ? new BpfPermissionException($"{operation} failed with {Errno.Name(errno)}: network namespaces need root or CAP_SYS_ADMIN.", errno)
        : BpfErrors.FromErrno(errno, $"{operation} failed with {Errno.Name(errno)}");
}
