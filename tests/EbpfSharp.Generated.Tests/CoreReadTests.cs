using System.Runtime.InteropServices;
using EbpfSharp.Generated.Tests.Programs;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Generated.Tests;

/// <summary>
/// CO-RE end to end: a C# read of task_struct fields, compiled by the build with relocations and relocated by the
/// runtime against /sys/kernel/btf/vmlinux, gives the ids the test knows; clang's object for the same reads
/// (tests/fixtures/c/core/core_task.c), relocated by the same runtime, gives the same ones.
/// </summary>
public partial class CoreReadTests
{
    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int getppid();

    [KernelFact("clang-19")]
    public void Task_ids_read_with_CO_RE_from_our_compiler_and_from_clang_are_the_calling_threads()
    {
        using var ours = CurrentTask.Load();
        using var clang = BpfObject.Load(ClangFixtures.Compile("core/core_task"), new LoadOptions { Programs = ["read_task"] });
        int threadId = 0;
        // A raw tracepoint test run (without BPF_F_TEST_RUN_ON_CPU) runs in the calling task: use a thread that is not the main one.
        var thread = new Thread(() =>
        {
            threadId = gettid();
            ours.Read.TestRun(new TestRunOptions { Context = new byte[8] });
            clang.Program("read_task").TestRun(new TestRunOptions { Context = new byte[8] });
        });
        thread.Start();
        thread.Join();

        Assert.NotEqual(Environment.ProcessId, threadId);
        Assert.Equal(threadId, ours.Pid);
        Assert.Equal(Environment.ProcessId, ours.Tgid);
        Assert.Equal(getppid(), ours.ParentTgid);
        Assert.Equal((uint)ours.Pid, clang.ReadVariable<uint>("task_pid"));
        Assert.Equal((uint)ours.Tgid, clang.ReadVariable<uint>("task_tgid"));
        Assert.Equal((uint)ours.ParentTgid, clang.ReadVariable<uint>("parent_tgid"));
    }

    [Fact]
    public void The_object_carries_one_relocation_per_field_read_against_task_struct()
    {
        var spec = CurrentTask.Open().Spec;

        var relocations = spec.BtfExt!.CoreRelocations.SelectMany(section => section.Records).ToList();
        var taskStruct = spec.Btf!.FindId("task_struct", EbpfSharp.Object.Btf.BtfKind.Struct);
        Assert.Equal(4, relocations.Count);   // pid, tgid, real_parent, then the parent's tgid
        Assert.All(relocations, relocation => Assert.Equal(taskStruct, relocation.TypeId));
        Assert.Equal(["0:0", "0:1", "0:2", "0:1"], relocations.Select(relocation => relocation.AccessString));
    }
}
