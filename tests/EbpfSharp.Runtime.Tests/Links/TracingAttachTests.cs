using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>
/// Tracing programs attached with BPF_LINK_CREATE (tests/fixtures/c/tracing/btf_tracing.c): a tp_btf program on
/// sys_enter, and fentry/fexit on the kernel's bpf_fentry_test1, which a BPF_PROG_TEST_RUN of the fentry program
/// itself calls with 1 (kernel: net/bpf/test_run.c, bpf_prog_test_run_tracing).
/// </summary>
public partial class TracingAttachTests
{
    private const string Fixture = "tracing/btf_tracing";

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc")]
    private static partial int getppid();

    private static ulong GetppidNumber => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 173ul : 110ul;

    [KernelFact("clang-19")]
    public void A_tp_btf_program_attaches_from_its_section_and_detaches_on_dispose()
    {
        using var loaded = BpfObject.Load(ClangFixtures.Compile(Fixture), new LoadOptions { Programs = ["on_sys_enter"] });
        var program = loaded.Program("on_sys_enter");
        loaded.WriteVariable("getppid_number", GetppidNumber);
        loaded.WriteVariable("target_tid", (uint)gettid());

        using (var link = program.Attach())
        {
            Assert.Equal(BpfLinkKind.Tracing, link.Kind);
            Assert.Contains("tp_btf sys_enter", link.Description);
            getppid();
            Assert.Equal(1u, loaded.ReadVariable<uint>("getppid_calls"));
        }

        getppid();
        Assert.Equal(1u, loaded.ReadVariable<uint>("getppid_calls"));
    }

    [KernelFact("clang-19")]
    public void Fentry_and_fexit_see_the_argument_and_the_return_value_or_the_refusal_is_explained()
    {
        BpfObject loaded;
        try
        {
            loaded = BpfObject.Load(ClangFixtures.Compile(Fixture), new LoadOptions { Programs = ["on_entry", "on_exit"] });
        }
        catch (BpfPermissionException exception)
        {
            // Some machines (kernel lockdown, a BPF LSM policy) refuse BPF trampolines even to root.
            Assert.Contains("although the process is root", exception.Message);
            Assert.Contains("trampolines", exception.Message);
            Assert.Contains("tp_btf", exception.Message);
            return;
        }
        using var _ = loaded;
        var entry = loaded.Program("on_entry");
        var exit = loaded.Program("on_exit");

        using (var entryLink = entry.Attach())
        using (var exitLink = exit.AttachTracing())
        {
            Assert.Equal(BpfLinkKind.Tracing, entryLink.Kind);
            Assert.Contains("fentry bpf_fentry_test1", entryLink.Description);
            Assert.Contains("fexit bpf_fentry_test1", exitLink.Description);

            entry.TestRun(new TestRunOptions());

            Assert.Equal(1ul, loaded.ReadVariable<ulong>("entry_arg"));
            Assert.Equal(1ul, loaded.ReadVariable<ulong>("exit_arg"));
            Assert.Equal(2ul, loaded.ReadVariable<ulong>("exit_ret"));
            Assert.Equal(1u, loaded.ReadVariable<uint>("entry_calls"));
            Assert.Equal(1u, loaded.ReadVariable<uint>("exit_calls"));
        }

        // Disposed links detach: another test run reaches neither program.
        entry.TestRun(new TestRunOptions());
        Assert.Equal(1u, loaded.ReadVariable<uint>("entry_calls"));
        Assert.Equal(1u, loaded.ReadVariable<uint>("exit_calls"));
    }

    [KernelFact]
    public void Attach_tracing_needs_a_tracing_program()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        var exception = Assert.Throws<InvalidOperationException>(() => program.AttachTracing());

        Assert.Contains("needs a program of type Tracing", exception.Message);
    }
}
