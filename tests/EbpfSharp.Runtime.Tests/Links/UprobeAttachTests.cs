using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

public class UprobeAttachTests(ProbeTargets targets) : IClassFixture<ProbeTargets>
{
    [KernelFact("gcc")]
    public void A_uprobe_filtered_to_this_process_counts_every_call_until_disposed()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        var link = program.AttachUprobe(targets.LibraryPath, ProbeTargets.Function, Environment.ProcessId);
        targets.CallInThisProcess(100);
        ulong counted = counter.ReadCounter();
        link.Dispose();
        targets.CallInThisProcess(100);

        Assert.Equal(BpfLinkKind.Uprobe, link.Kind);
        Assert.NotNull(link.Handle);            // a BPF_PERF_EVENT link (kernel 5.15+), not the ioctl fallback
        Assert.NotNull(link.PerfEventHandle);
        Assert.Equal(100UL, counted);
        Assert.Equal(100UL, counter.ReadCounter());
    }

    [KernelFact("gcc")]
    public void A_uretprobe_counts_every_return_until_disposed()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        var link = program.AttachUprobe(targets.LibraryPath, ProbeTargets.Function, Environment.ProcessId, returnProbe: true);
        targets.CallInThisProcess(100);
        ulong counted = counter.ReadCounter();
        link.Dispose();
        targets.CallInThisProcess(100);

        Assert.Equal(BpfLinkKind.Uretprobe, link.Kind);
        Assert.Equal(100UL, counted);
        Assert.Equal(100UL, counter.ReadCounter());
    }

    [KernelFact("gcc")]
    public void A_system_wide_uprobe_fires_in_a_child_process_of_a_non_pie_executable()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);
        using var link = program.AttachUprobe(targets.ExecutablePath, ProbeTargets.Function);

        targets.RunExecutable(7);

        Assert.Equal(7UL, counter.ReadCounter());
    }

    [KernelFact("gcc")]
    public void A_uprobe_by_file_offset_fires_like_one_by_symbol()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);
        ulong fileOffset = ElfFunctionLocator.FileOffset(targets.ExecutablePath, ProbeTargets.Function);
        using var link = program.AttachUprobe(targets.ExecutablePath, fileOffset);

        targets.RunExecutable(3);

        Assert.Equal(3UL, counter.ReadCounter());
        Assert.Contains($"@0x{fileOffset:x}", link.Description);
    }

    [ToolFact("gcc")]
    public void The_file_offset_of_a_non_pie_function_is_its_address_minus_the_load_base()
    {
        var file = EbpfSharp.Object.Elf.ElfFile.Read(File.ReadAllBytes(targets.ExecutablePath));
        var text = file.FindSection(".text")!;
        var symbol = file.ReadSymbols().Single(candidate => candidate.Name == ProbeTargets.Function);

        ulong offset = ElfFunctionLocator.FileOffset(targets.ExecutablePath, ProbeTargets.Function);

        Assert.NotEqual(text.Address, text.FileOffset);
        Assert.Equal(symbol.Value - text.Address + text.FileOffset, offset);
    }

    [ToolFact("gcc")]
    public void A_versioned_symbol_resolves_to_its_default_version()
    {
        var file = EbpfSharp.Object.Elf.ElfFile.Read(File.ReadAllBytes(targets.VersionedLibraryPath));
        var defaultVersion = file.ReadSymbols().Single(candidate => candidate.Name == "ebpfsharp_versioned@@V2");
        var text = file.FindSection(".text")!;

        ulong offset = ElfFunctionLocator.FileOffset(targets.VersionedLibraryPath, "ebpfsharp_versioned");

        Assert.Equal(defaultVersion.Value - text.Address + text.FileOffset, offset);
    }

    [ToolFact("gcc", "strip")]
    public void Without_symtab_the_dynamic_symbol_of_the_default_version_is_used()
    {
        string stripped = targets.VersionedLibraryPath + ".stripped";
        Tools.RunChecked("strip", "-o", stripped, targets.VersionedLibraryPath);
        var full = EbpfSharp.Object.Elf.ElfFile.Read(File.ReadAllBytes(targets.VersionedLibraryPath));
        var defaultVersion = full.ReadSymbols().Single(candidate => candidate.Name == "ebpfsharp_versioned@@V2");
        var text = full.FindSection(".text")!;

        ulong offset = ElfFunctionLocator.FileOffset(stripped, "ebpfsharp_versioned");

        Assert.Null(EbpfSharp.Object.Elf.ElfFile.Read(File.ReadAllBytes(stripped)).SymbolTable);
        Assert.Equal(defaultVersion.Value - text.Address + text.FileOffset, offset);
    }

    [KernelFact("gcc")]
    public void An_unknown_symbol_is_not_found_and_similar_names_are_listed()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        var exception = Assert.Throws<BpfNotFoundException>(() => program.AttachUprobe(targets.LibraryPath, "ebpfsharp_probe_targte"));

        Assert.Contains("ebpfsharp_probe_targte", exception.Message);
        Assert.Contains("similar names: ebpfsharp_probe_target", exception.Message);
    }

    [KernelFact]
    public void A_missing_binary_is_not_found()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Kprobe);

        var exception = Assert.Throws<BpfNotFoundException>(() => program.AttachUprobe("/nonexistent/libnothing.so", "f"));

        Assert.Contains("/nonexistent/libnothing.so", exception.Message);
    }

    [KernelFact("gcc")]
    public void A_uprobe_needs_a_kprobe_type_program()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);

        var exception = Assert.Throws<InvalidOperationException>(() => program.AttachUprobe(targets.LibraryPath, ProbeTargets.Function));

        Assert.Contains("needs a program of type Kprobe", exception.Message);
    }
}
