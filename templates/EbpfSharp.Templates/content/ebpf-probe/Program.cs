using EbpfProbe;

// Run as root (or with CAP_BPF and CAP_PERFMON): attaches the program to the sys_enter tracepoint, lets every
// process on the machine make system calls for a while, and prints the busiest system calls.
//   dotnet run                    counts for one second
//   dotnet run -- --seconds 5     counts for five

int seconds = args is ["--seconds", var text] && int.TryParse(text, out int parsed) && parsed > 0 ? parsed : 1;

using var counter = SyscallCounter.Load();   // the object embedded by the build: map created, program verified
using (counter.OnEnter.Attach())             // disposing the link detaches the program
{
    Console.WriteLine($"Counting the system calls of every process for {seconds} s...");
    Thread.Sleep(TimeSpan.FromSeconds(seconds));
}

var top = counter.Calls.OrderByDescending(entry => entry.Value).Take(10).ToList();
Console.WriteLine($"{counter.Calls.Sum(entry => (long)entry.Value)} system calls, {counter.Calls.Count()} different ones; the busiest:");
foreach (var (id, calls) in top)
    Console.WriteLine($"  {SyscallName(id),-16} {calls,10}");
return 0;

// Names of common x86-64 system calls; other architectures number them differently.
static string SyscallName(uint id) => id switch
{
    0 => "read",
    1 => "write",
    2 => "open",
    3 => "close",
    4 => "stat",
    5 => "fstat",
    7 => "poll",
    8 => "lseek",
    9 => "mmap",
    10 => "mprotect",
    11 => "munmap",
    13 => "rt_sigaction",
    14 => "rt_sigprocmask",
    16 => "ioctl",
    17 => "pread64",
    20 => "writev",
    23 => "select",
    12 => "brk",
    24 => "sched_yield",
    28 => "madvise",
    35 => "nanosleep",
    39 => "getpid",
    44 => "sendto",
    45 => "recvfrom",
    46 => "sendmsg",
    47 => "recvmsg",
    56 => "clone",
    59 => "execve",
    61 => "wait4",
    72 => "fcntl",
    89 => "readlink",
    202 => "futex",
    228 => "clock_gettime",
    230 => "clock_nanosleep",
    231 => "exit_group",
    232 => "epoll_wait",
    257 => "openat",
    262 => "newfstatat",
    270 => "pselect6",
    271 => "ppoll",
    281 => "epoll_pwait",
    318 => "getrandom",
    302 => "prlimit64",
    321 => "bpf",
    334 => "rseq",
    _ => $"#{id}",
};
