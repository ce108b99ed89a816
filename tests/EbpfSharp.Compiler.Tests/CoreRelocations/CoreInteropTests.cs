using System.Buffers.Binary;
using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Compiler.Tests.CoreRelocations;

/// <summary>
/// libbpf (bpftool) relocates the compiler's CO-RE objects against the running kernel's BTF. It checks that every
/// relocated instruction holds the value the object's own BTF gives, so loading proves the records are right;
/// running the program in this thread's context checks the relocated reads against /proc.
/// </summary>
public sealed class CoreInteropTests
{
    [KernelFact("bpftool")]
    public void Libbpf_relocates_every_shape_and_the_verifier_accepts_them()
    {
        var compiled = CompiledPrograms.Object(typeof(CoreShapes));
        string path = Scratch.WriteFile(compiled.FileName, compiled.Bytes);

        using var libbpf = Bpftool.LoadAll(path);

        Assert.Equal(
            ["CommAt", "CommByte", "GroupValue", "HasGroup", "HasState", "HasTask", "LoginUid", "ParentTgid", "Pid", "StackPointer", "TaskSize"],
            libbpf.Programs.Order());
    }

    [KernelFact("bpftool")]
    public void Relocated_reads_and_core_answers_match_the_running_kernel_and_this_thread()
    {
        var compiled = CompiledPrograms.Object(typeof(CoreReads));
        string path = Scratch.WriteFile(compiled.FileName, compiled.Bytes);
        using var libbpf = Bpftool.LoadAll(path);
        using var program = BpfProgram.OpenPinned(libbpf.ProgramPath("Read"));

        // A raw tracepoint's test run executes in the caller's context: bpf_get_current_task() is this thread.
        string[] self = new FileInfo("/proc/thread-self").LinkTarget!.Split('/');
        string comm = File.ReadAllText("/proc/thread-self/comm").TrimEnd('\n');
        program.TestRun(new TestRunOptions { Context = new byte[16] });

        var results = libbpf.DumpMap("Results").ToDictionary(
            entry => BinaryPrimitives.ReadUInt32LittleEndian(entry.Key),
            entry => BinaryPrimitives.ReadInt64LittleEndian(entry.Value));
        long parent = long.Parse(File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        long loginUid = long.Parse(File.ReadAllText("/proc/self/loginuid"), System.Globalization.CultureInfo.InvariantCulture);
        var vmlinux = BtfSection.Read(File.ReadAllBytes("/sys/kernel/btf/vmlinux"));
        long threadSize = (long)vmlinux.ResolveSize(vmlinux.FindId("thread_struct", BtfKind.Struct));

        Assert.Equal(long.Parse(self[^1], System.Globalization.CultureInfo.InvariantCulture), results[0]);    // pid: the thread id
        Assert.Equal(Environment.ProcessId, results[1]);                                                       // tgid
        Assert.Equal(parent, results[2]);                                                                      // real_parent->tgid
        Assert.Equal((long)comm[0], results[3]);                                                               // comm[0]
        Assert.Equal(comm.Length > 1 ? comm[1] : 0, results[4]);                                               // comm[1]
        Assert.Equal(1, results[5]);                                                                           // thread.sp != 0
        Assert.Equal(loginUid, results[6]);                                                                    // loginuid.val
        Assert.Equal([1L, 0L, 1L, 0L], [results[7], results[8], results[9], results[10]]);                     // field/type exists
        Assert.Equal(threadSize, results[11]);                                                                 // sizeof(struct thread_struct)
        Assert.Equal([1L, 0L, 3L, 0L], [results[12], results[13], results[14], results[15]]);                  // enumerators; missing field never read
    }
}
