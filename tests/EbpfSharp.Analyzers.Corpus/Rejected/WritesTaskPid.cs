namespace EbpfSharp.Analyzers.Corpus.Rejected;

// Writes a field of the current task_struct: kernel memory is read-only to a program.
public static unsafe class WritesTaskPid
{
    [KernelType("task_struct")]
    public struct TaskStruct
    {
        public int Pid;
        public int Tgid;
    }

    [Kprobe("do_exit")]
    public static int Run(PtRegs* regs)
    {
        var task = (TaskStruct*)Bpf.GetCurrentTask();
        task->Pid = 0; // EBPF0023
        return 0;
    }
}
