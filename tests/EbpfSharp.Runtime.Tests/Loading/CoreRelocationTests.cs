using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>
/// A clang-built CO-RE object (tests/fixtures/c/core/core_task.c, no vmlinux.h) relocated by EbpfSharp against the
/// running kernel's BTF, then run with BPF_PROG_TEST_RUN in the calling thread.
/// </summary>
public partial class CoreRelocationTests
{
    private const string Fixture = "core/core_task";

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int getppid();

    private static BpfObject LoadReadTask(LoadOptions? options = null) =>
        BpfObject.Load(ClangFixtures.Compile(Fixture), (options ?? new LoadOptions()) with { Programs = ["read_task"] });

    private static void RunInThisThread(BpfObject loaded) =>
        // A raw tracepoint test run without BPF_F_TEST_RUN_ON_CPU runs in the caller's task (kernel: net/bpf/test_run.c).
        loaded.Program("read_task").TestRun(new TestRunOptions { Context = new byte[8] });

    [KernelFact("clang-19")]
    public void Task_fields_read_with_core_are_the_calling_threads()
    {
        using var loaded = LoadReadTask();
        int threadId = 0;
        var thread = new Thread(() =>
        {
            threadId = gettid();
            RunInThisThread(loaded);
        });
        thread.Start();
        thread.Join();

        Assert.Equal((uint)threadId, loaded.ReadVariable<uint>("task_pid"));
        Assert.NotEqual(Environment.ProcessId, threadId);
        Assert.Equal((uint)Environment.ProcessId, loaded.ReadVariable<uint>("task_tgid"));
        Assert.Equal((uint)Environment.ProcessId, loaded.ReadVariable<uint>("flavor_tgid"));
        Assert.Equal((uint)getppid(), loaded.ReadVariable<uint>("parent_tgid"));
    }

    [KernelFact("clang-19")]
    public void Existence_size_and_enum_questions_get_the_kernels_answers()
    {
        var kernel = BtfSection.Read(File.ReadAllBytes("/sys/kernel/btf/vmlinux"));
        var taskStruct = (BtfStruct)kernel.Get(kernel.FindId("task_struct", BtfKind.Struct));
        var pidType = (BtfEnum)kernel.Get(kernel.FindId("pid_type", BtfKind.Enum));
        using var loaded = LoadReadTask();
        RunInThisThread(loaded);

        Assert.Equal(1u, loaded.ReadVariable<uint>("has_pid"));
        Assert.Equal(1u, loaded.ReadVariable<uint>("has_tgid"));
        Assert.Equal(0u, loaded.ReadVariable<uint>("has_missing"));
        Assert.Equal(0u, loaded.ReadVariable<uint>("missing_value"));
        Assert.Equal(4u, loaded.ReadVariable<uint>("pid_size"));
        Assert.Equal(taskStruct.Members.Single(m => m.Name == "tgid").BitOffset / 8, loaded.ReadVariable<uint>("tgid_offset"));
        Assert.Equal(1u, loaded.ReadVariable<uint>("has_task_struct"));
        Assert.Equal(0u, loaded.ReadVariable<uint>("has_missing_type"));
        Assert.Equal((ulong)taskStruct.Size, loaded.ReadVariable<ulong>("task_struct_size"));
        Assert.Equal((ulong)pidType.Values.Single(v => v.Name == "PIDTYPE_TGID").Value, loaded.ReadVariable<ulong>("pidtype_tgid"));
        Assert.Equal(1u, loaded.ReadVariable<uint>("has_pidtype_tgid"));
        Assert.Equal(0u, loaded.ReadVariable<uint>("has_missing_pidtype"));
    }

    [KernelFact("clang-19")]
    public void An_unguarded_read_of_a_field_the_kernel_lacks_names_the_field_and_the_guard()
    {
        var exception = Assert.Throws<BpfVerifierException>(() =>
            BpfObject.Load(ClangFixtures.Compile(Fixture), new LoadOptions { Programs = ["unguarded"] }));

        Assert.Equal("unguarded", exception.ProgramName);
        Assert.Contains("the running kernel's struct task_struct has no field 'ebpfsharp_no_such_field'", exception.Message);
        Assert.Contains("unguarded+insn ", exception.Message);
        Assert.Contains("core_task.c:", exception.Message);
        Assert.Contains("Core.FieldExists", exception.Message);
        Assert.Contains("bpf_core_field_exists", exception.Message);
        Assert.Contains("unknown#195896080", exception.VerifierLog);
    }

    [KernelFact("clang-19")]
    public void A_custom_btf_path_replaces_the_kernels_types()
    {
        // The kernel's task_struct with 'tgid' renamed to the member the fixture calls missing.
        var btf = BtfSection.Read(File.ReadAllBytes("/sys/kernel/btf/vmlinux"));
        int id = btf.FindId("task_struct", BtfKind.Struct);
        var task = (BtfStruct)btf.Get(id);
        btf.Types[id - 1] = task with
        {
            Members = new EquatableArray<BtfMember>(task.Members.Select(m => m.Name == "tgid" ? m with { Name = "ebpfsharp_no_such_field" } : m)),
        };
        string path = Path.Combine(Path.GetTempPath(), $"ebpfsharp-core-{Environment.ProcessId}-{Guid.NewGuid():N}.btf");
        File.WriteAllBytes(path, btf.Write());
        try
        {
            using var loaded = LoadReadTask(new LoadOptions { KernelBtfPath = path });
            RunInThisThread(loaded);

            Assert.Equal(0u, loaded.ReadVariable<uint>("has_tgid"));
            Assert.Equal(0u, loaded.ReadVariable<uint>("task_tgid"));
            Assert.Equal(0u, loaded.ReadVariable<uint>("flavor_tgid"));
            Assert.Equal(1u, loaded.ReadVariable<uint>("has_missing"));
            Assert.Equal((uint)Environment.ProcessId, loaded.ReadVariable<uint>("missing_value"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [KernelFact("clang-19")]
    public void A_missing_custom_btf_file_is_not_found()
    {
        var exception = Assert.Throws<BpfNotFoundException>(() => LoadReadTask(new LoadOptions { KernelBtfPath = "/nonexistent/ebpfsharp.btf" }));

        Assert.Contains("KernelBtfPath", exception.Message);
    }
}
