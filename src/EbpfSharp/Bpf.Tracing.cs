namespace EbpfSharp;

// Helpers for tracing programs: reading kernel and user memory, the current task, signals.
public static unsafe partial class Bpf
{
    private const long EFault = 14;

    [ThreadStatic]
    private static void* s_clrCurrentTask;

    [ThreadStatic]
    private static List<(uint Signal, bool ThreadOnly)>? s_clrSignals;

    /// <summary>
    /// Copies <paramref name="size"/> bytes of kernel memory at <paramref name="source"/> to
    /// <paramref name="destination"/> (<c>bpf_probe_read_kernel</c>). Returns 0, or a negative error (−EFAULT) when
    /// the memory cannot be read, in which case the destination is zeroed. On the CLR it copies from the process's
    /// own memory (where tests put the "kernel" structs).
    /// </summary>
    [BpfHelper(113)]
    public static long ProbeReadKernel(void* destination, uint size, void* source) => CopyMemory(destination, size, source);

    /// <summary>
    /// Copies <paramref name="size"/> bytes of the current process's memory at <paramref name="source"/> to
    /// <paramref name="destination"/> (<c>bpf_probe_read_user</c>). Returns 0, or a negative error (−EFAULT, for
    /// example for a page not mapped in yet), in which case the destination is zeroed.
    /// </summary>
    [BpfHelper(112)]
    public static long ProbeReadUser(void* destination, uint size, void* source) => CopyMemory(destination, size, source);

    /// <summary>
    /// Copies the NUL-terminated string at kernel address <paramref name="source"/> into
    /// <paramref name="destination"/>, at most <paramref name="size"/> bytes including the NUL, which is always
    /// written (<c>bpf_probe_read_kernel_str</c>). Returns the bytes copied including the NUL, or a negative error
    /// (−EFAULT). On the CLR it copies from the process's own memory.
    /// </summary>
    [BpfHelper(115)]
    public static long ProbeReadKernelString(void* destination, uint size, void* source) => CopyString(destination, size, source);

    /// <summary>
    /// Copies the NUL-terminated string at user address <paramref name="source"/> into
    /// <paramref name="destination"/>, at most <paramref name="size"/> bytes including the NUL, which is always
    /// written (<c>bpf_probe_read_user_str</c>). Returns the bytes copied including the NUL, or a negative error.
    /// </summary>
    [BpfHelper(114)]
    public static long ProbeReadUserString(void* destination, uint size, void* source) => CopyString(destination, size, source);

    /// <summary>
    /// The address of the current task's <c>struct task_struct</c> (<c>bpf_get_current_task</c>): cast it to a
    /// pointer to a <see cref="KernelTypeAttribute">[KernelType("task_struct")]</see> struct and read it with CO-RE.
    /// On the CLR there is no task: it returns what <see cref="SetCurrentTaskOnClr"/> set on this thread (0 by default).
    /// </summary>
    [BpfHelper(35)]
    public static ulong GetCurrentTask() => (ulong)s_clrCurrentTask;

    /// <summary>Makes <see cref="GetCurrentTask"/> return <paramref name="task"/> on this thread, for running programs on the CLR.</summary>
    [ClrOnly]
    public static void SetCurrentTaskOnClr(void* task) => s_clrCurrentTask = task;

    /// <summary>
    /// Sends signal <paramref name="signal"/> to the current task's process (<c>bpf_send_signal</c>; kprobe,
    /// tracepoint, perf-event and tracing programs). Returns 0, −EBUSY when the work queue is full, −EINVAL for a
    /// bad signal, −EPERM for a kernel thread or another user's process. On the CLR nothing is sent: the signal is
    /// recorded in <see cref="SignalsSentOnClr"/>.
    /// </summary>
    [BpfHelper(109)]
    public static long SendSignal(uint signal) => RecordSignal(signal, threadOnly: false);

    /// <summary>
    /// Sends signal <paramref name="signal"/> to the current thread only (<c>bpf_send_signal_thread</c>). On the CLR
    /// nothing is sent: the signal is recorded in <see cref="SignalsSentOnClr"/>.
    /// </summary>
    [BpfHelper(117)]
    public static long SendSignalThread(uint signal) => RecordSignal(signal, threadOnly: true);

    /// <summary>The signals <see cref="SendSignal"/> and <see cref="SendSignalThread"/> recorded on this thread when run on the CLR.</summary>
    [ClrOnly]
    public static IReadOnlyList<(uint Signal, bool ThreadOnly)> SignalsSentOnClr => s_clrSignals ??= [];

    private static long RecordSignal(uint signal, bool threadOnly)
    {
        const uint MaxSignal = 64;   // kernel: valid_signal(), _NSIG
        if (signal == 0 || signal > MaxSignal)
            return -22;   // -EINVAL
        (s_clrSignals ??= []).Add((signal, threadOnly));
        return 0;
    }

    private static long CopyMemory(void* destination, uint size, void* source)
    {
        if (source == null)
        {
            new Span<byte>(destination, checked((int)size)).Clear();
            return -EFault;
        }
        Buffer.MemoryCopy(source, destination, size, size);
        return 0;
    }

    private static long CopyString(void* destination, uint size, void* source)
    {
        if (size == 0)
            return 0;
        var target = new Span<byte>(destination, checked((int)size));
        if (source == null)
        {
            target.Clear();
            return -EFault;
        }
        var text = (byte*)source;
        int length = 0;
        while (length < size - 1 && text[length] != 0)
            length++;
        new ReadOnlySpan<byte>(text, length).CopyTo(target);
        target[length] = 0;
        return length + 1;
    }
}
