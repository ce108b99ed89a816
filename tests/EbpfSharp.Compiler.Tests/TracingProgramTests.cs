using System.Reflection;
using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Compiler.Tests;

/// <summary>Tracing programs of every kind: their sections, and the kernel's verifier loading them.</summary>
public sealed class TracingProgramTests(ITestOutputHelper output)
{
    private CompiledObject Compiled(Type type)
    {
        foreach (var diagnostic in CompiledPrograms.Diagnostics(type))
            output.WriteLine(diagnostic.ToString());
        var compiled = CompiledPrograms.Object(type);
        output.WriteLine(ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { ShowSourceLines = true }));
        return compiled;
    }

    [Theory]
    [InlineData(typeof(TracingKinds))]
    [InlineData(typeof(ProbeArguments))]
    [InlineData(typeof(TracingShapes))]
    [InlineData(typeof(OpenatRecorder))]
    [InlineData(typeof(TrampolinePrograms))]
    public void Every_program_is_in_the_section_its_attribute_names(Type type)
    {
        var compiled = Compiled(type);
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.GetCustomAttribute<ProgramAttribute>() is not null).ToList();

        Assert.Equal(methods.Count, compiled.Programs.Count);
        foreach (var method in methods)
        {
            var program = Assert.Single(compiled.Programs, program => program.MethodName == $"{type.FullName}.{method.Name}");
            Assert.Equal(method.GetCustomAttribute<ProgramAttribute>()!.SectionName, program.SectionName);
        }
    }

    [Fact]
    public void Sections_carry_offsets_binaries_and_symbols()
    {
        var sections = CompiledPrograms.Object(typeof(TracingKinds)).Programs.ToDictionary(program => program.SymbolName, program => program.SectionName);

        Assert.Equal("kprobe/do_unlinkat+0x4", sections["KprobeTyped"]);
        Assert.Equal("kretprobe/do_unlinkat", sections["KretprobeTyped"]);
        Assert.Equal("uprobe/libc.so.6:malloc", sections["UprobeTyped"]);
        Assert.Equal("uretprobe//usr/lib/libc.so.6:malloc", sections["UretprobeRegisters"]);
        Assert.Equal("tracepoint/syscalls/sys_enter_openat", sections["TracepointRecord"]);
        var trampolines = CompiledPrograms.Object(typeof(TrampolinePrograms)).Programs.ToDictionary(program => program.SymbolName, program => program.SectionName);
        Assert.Equal("fentry/do_unlinkat", trampolines["FentryTyped"]);
        Assert.Equal("fexit/do_unlinkat", trampolines["FexitTyped"]);
        Assert.Equal("fexit/bpf_fentry_test2", trampolines["Exit"]);
        Assert.Equal("uprobe", CompiledPrograms.Object(typeof(ProbeArguments)).Programs.Single(program => program.SymbolName == "OnEntry").SectionName);
        Assert.Equal("uretprobe", CompiledPrograms.Object(typeof(ProbeArguments)).Programs.Single(program => program.SymbolName == "OnReturn").SectionName);
    }

    [KernelTheory]
    [InlineData(typeof(TracingKinds))]
    [InlineData(typeof(ProbeArguments))]
    [InlineData(typeof(TracingShapes))]
    [InlineData(typeof(OpenatRecorder))]
    public void Every_kind_loads_in_the_kernel_verifier(Type type)
    {
        var compiled = Compiled(type);

        using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();

        foreach (var program in compiled.Programs)
        {
            var expected = program.SectionName.Split('/')[0] switch
            {
                "kprobe" or "kretprobe" or "uprobe" or "uretprobe" => BpfProgramType.Kprobe,
                "tracepoint" => BpfProgramType.Tracepoint,
                _ => BpfProgramType.Tracing,
            };
            Assert.Equal(expected, loaded.Program(program.SymbolName).Type);
        }
    }

    [KernelFact]
    public void Fentry_and_fexit_load_against_the_kernel_function_their_section_names()
    {
        var compiled = Compiled(typeof(TrampolinePrograms));
        if (!Trampolines.Available)
        {
            // This kernel refuses trampoline programs to root before verification; the runtime says so, and the
            // verifier still checks the same instructions as raw tracepoints (the same u64-argument context).
            var refused = Assert.Throws<BpfPermissionException>(() => ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load());
            Assert.Contains("BPF trampolines", refused.Message);
            using var verified = ObjectSpec.Read(Trampolines.AsRawTracepoints(compiled.Bytes), compiled.ClassName).Load();
            Assert.Equal(3, verified.Programs.Count);
            Assert.All(verified.Programs.Values, program => Assert.Equal(BpfProgramType.RawTracepoint, program.Type));
            return;
        }
        using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();

        Assert.Equal(BpfAttachType.TraceFentry, loaded.Program("FentryTyped").ExpectedAttachType);
        Assert.Equal(BpfAttachType.TraceFexit, loaded.Program("FexitTyped").ExpectedAttachType);
        Assert.Equal(BpfProgramType.Tracing, loaded.Program("Exit").Type);
    }
}
