using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>uprobe targets named without a path ("libc.so.6"), resolved through the library directories like libbpf.</summary>
public class UprobeLibraryNameTests
{
    [KernelFact]
    public void A_uprobe_section_naming_libc_by_its_soname_fires_on_this_threads_getpid_calls()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.RunsOnThread(counter, BpfProgramType.Kprobe, Environment.ProcessId, LibC.GetThreadId(), "uprobe/libc.so.6:getpid");

        using var link = program.Attach();
        LibC.GetPid();
        LibC.GetPid();
        LibC.GetPid();

        Assert.Equal(BpfLinkKind.Uprobe, link.Kind);
        Assert.Contains("/libc.so.6:getpid", link.Description);
        Assert.Equal(3UL, counter.ReadCounter());
    }

    [KernelFact]
    public void Attach_uprobe_resolves_a_library_name()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.RunsOnThread(counter, BpfProgramType.Kprobe, Environment.ProcessId, LibC.GetThreadId());

        using var link = program.AttachUprobe("libc.so.6", "getpid", Environment.ProcessId);
        LibC.GetPid();

        Assert.Equal(1UL, counter.ReadCounter());
    }

    [Fact]
    public void A_library_name_resolves_to_a_file_in_the_library_directories_and_a_path_stays_a_path()
    {
        string libc = BinaryPaths.Resolve("libc.so.6");

        Assert.True(Path.IsPathRooted(libc));
        Assert.EndsWith("/libc.so.6", libc);
        Assert.True(File.Exists(libc));
        Assert.Equal("/usr/bin/env", BinaryPaths.Resolve("/usr/bin/env"));
        Assert.True(File.Exists(BinaryPaths.Resolve("env")));
    }

    [Fact]
    public void A_library_that_is_nowhere_is_not_found_and_the_message_lists_where_it_looked()
    {
        var exception = Assert.Throws<BpfNotFoundException>(() => BinaryPaths.Resolve("libebpfsharp-missing.so.1"));

        Assert.Contains("LD_LIBRARY_PATH", exception.Message);
        Assert.Contains("/usr/lib64", exception.Message);
        Assert.Contains("/usr/lib", exception.Message);
        Assert.Contains("libebpfsharp-missing.so.1", exception.Message);
    }
}
