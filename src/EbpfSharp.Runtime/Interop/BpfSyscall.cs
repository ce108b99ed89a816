using System.Runtime.InteropServices;

namespace EbpfSharp.Runtime.Interop;

/// <summary>
/// The single entry point for bpf(2). Each command's wrapper fills its attribute struct and calls here;
/// errno is read immediately after the call and turned into an exception by <see cref="BpfErrors"/>.
/// </summary>
internal static unsafe partial class BpfSyscall
{
    /// <summary>Calls bpf(command, attr, size), retrying on EINTR. Returns the result, or -errno.</summary>
    public static long Call(BpfCommand command, void* attributes, int size)
    {
        while (true)
        {
            long result = Syscall(SyscallNumber.Bpf, (long)command, (long)attributes, size);
            if (result >= 0)
                return result;
            int errno = Marshal.GetLastSystemError();
            if (errno != Errno.EINTR)
                return -errno;
        }
    }

    // syscall(2) without SetLastError: errno is read with GetLastSystemError straight after the call, and only
    // when it failed, which is what the SetLastError stub does minus clearing errno before every call and storing
    // it after every call (two calls into the runtime that cost ~2% of a map lookup). Arguments as in LibC.Syscall.
    [LibraryImport(LibC.Library, EntryPoint = "syscall")]
    private static partial long Syscall(long number, long arg1, long arg2, long arg3);

    /// <summary>Calls bpf() with <paramref name="attributes"/>; throws the mapped exception on failure.</summary>
    /// <param name="command">The command.</param>
    /// <param name="attributes">The command's attribute struct; the kernel may write results into it.</param>
    /// <param name="operation">Describes the operation for the error message ("creating map 'counters'").</param>
    public static long Invoke<TAttributes>(BpfCommand command, ref TAttributes attributes, Func<string> operation)
        where TAttributes : unmanaged
    {
        long result;
        fixed (TAttributes* pointer = &attributes)
            result = Call(command, pointer, sizeof(TAttributes));
        if (result < 0)
            throw BpfErrors.FromErrno((int)-result, command, operation());
        return result;
    }

    /// <summary>Calls a bpf() command that returns a new file descriptor and wraps it.</summary>
    public static BpfFileDescriptor InvokeForDescriptor<TAttributes>(BpfCommand command, ref TAttributes attributes, Func<string> operation)
        where TAttributes : unmanaged =>
        new((int)Invoke(command, ref attributes, operation));
}
