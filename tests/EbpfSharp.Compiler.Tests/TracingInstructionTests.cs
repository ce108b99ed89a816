using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

/// <summary>How tracing programs read their context: typed parameters and PtRegs members as loads at pt_regs offsets.</summary>
public sealed class TracingInstructionTests
{
    private static readonly Lazy<CompilationResult> Arm64 = new(() =>
        EbpfCompiler.Compile(typeof(TracingShapes).Assembly.Location, new CompilerOptions { TargetArchitecture = TargetArchitecture.Arm64 }));

    private static readonly Lazy<CompilationResult> X64 = new(() =>
        EbpfCompiler.Compile(typeof(TracingShapes).Assembly.Location, new CompilerOptions { TargetArchitecture = TargetArchitecture.X64 }));

    private static string[] Instructions(string program, TargetArchitecture architecture = TargetArchitecture.X64, Type? type = null)
    {
        var result = architecture == TargetArchitecture.Arm64 ? Arm64.Value : X64.Value;
        var compiled = result.Objects.Single(candidate => candidate.ClassName == (type ?? typeof(TracingShapes)).FullName);
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        return [.. listing.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())];
    }

    /// <summary>The context loads: "rN = *(u64 *)(r1 + 0x70)" → 0x70, for loads from the unmodified R1.</summary>
    private static List<int> ContextLoads(string[] code) =>
        [.. code.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^r\d+ = \*\(u64 \*\)\(r1 \+ 0x([0-9a-f]+)\)$"))
            .Where(match => match.Success)
            .Select(match => Convert.ToInt32(match.Groups[1].Value, 16))];

    [Fact]
    public void The_default_architecture_is_the_machine_the_compiler_runs_on()
    {
        var expected = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64
            ? TargetArchitecture.Arm64 : TargetArchitecture.X64;
        Assert.Equal(expected, new CompilerOptions().TargetArchitecture);
    }

    [Fact]
    public void Typed_kprobe_arguments_are_loads_of_rdi_rsi_rdx_rcx_r8_r9_on_x64()
    {
        var code = Instructions("SixArguments");

        Assert.Equal([0x70, 0x68, 0x60, 0x58, 0x48, 0x40], ContextLoads(code));
    }

    [Fact]
    public void Typed_kprobe_arguments_are_loads_of_x0_to_x5_on_arm64()
    {
        var code = Instructions("SixArguments", TargetArchitecture.Arm64);

        Assert.Equal([0x0, 0x8, 0x10, 0x18, 0x20, 0x28], ContextLoads(code));
    }

    [Fact]
    public void Narrow_arguments_keep_their_low_bytes_sign_or_zero_extended()
    {
        Assert.Equal(["r1 = *(u64 *)(r1 + 0x70)", "w0 = w1", "w0 <<= 0x18", "w0 s>>= 0x18", "exit"], Instructions("SignedByte"));
        var flag = Instructions("Flag");
        Assert.Equal(["r1 = *(u64 *)(r1 + 0x70)", "w1 &= 0xff"], flag[..2]);   // ALU32 and clears the upper half itself
        var six = Instructions("SixArguments");
        Assert.Contains("w6 <<= 0x10", six);      // short: sign-extended from 16 bits
        Assert.Contains("w6 s>>= 0x10", six);
        Assert.Contains("w1 &= 0xff", six);       // byte: zero-extended from 8 bits
        Assert.Contains("r4 s>>= 0x20", six);     // int widened to long: sign-extended
    }

    [Fact]
    public void A_leading_PtRegs_parameter_is_the_context_and_only_used_arguments_are_loaded()
    {
        Assert.Equal(["r0 = *(u64 *)(r1 + 0x68)", "w0 = w0", "exit"], Instructions("SecondOnly"));
        Assert.Equal(["r0 = *(u64 *)(r1 + 0x8)", "w0 = w0", "exit"], Instructions("SecondOnly", TargetArchitecture.Arm64));
    }

    [Theory]
    [InlineData(TargetArchitecture.X64, new[] { 0x70, 0x40, 0x50, 0x80, 0x98, 0x20 })]
    [InlineData(TargetArchitecture.Arm64, new[] { 0x0, 0x28, 0x100, 0xf8, 0xe8 })]   // x0 is argument 0 and the return value: read once
    public void PtRegs_members_are_one_load_each_at_the_architectures_offset(TargetArchitecture architecture, int[] offsets)
    {
        // Arg(0), Arg(5), ReturnValue, InstructionPointer, StackPointer, FramePointer, each from the saved context.
        var code = Instructions("Registers", architecture);
        var loads = code.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^r\d+ = \*\(u64 \*\)\(r6 \+ 0x([0-9a-f]+)\)$"))
            .Where(match => match.Success).Select(match => Convert.ToInt32(match.Groups[1].Value, 16)).ToArray();

        Assert.Equal("r6 = r1", code[0]);
        Assert.Equal(offsets, loads);
    }

    [Fact]
    public void A_return_probe_parameter_is_the_return_value_register()
    {
        Assert.Equal(["r0 = *(u64 *)(r1 + 0x50)", "w0 = w0", "exit"], Instructions("Returned"));
        Assert.Equal(["r0 = *(u64 *)(r1 + 0x0)", "w0 = w0", "exit"], Instructions("Returned", TargetArchitecture.Arm64));
    }

    [Theory]
    [InlineData(TargetArchitecture.X64)]
    [InlineData(TargetArchitecture.Arm64)]
    public void Fexit_parameters_are_u64_slots_and_the_return_value_follows_the_arguments(TargetArchitecture architecture)
    {
        Assert.Equal([0x0, 0x8, 0x10], ContextLoads(Instructions("Exit", architecture, typeof(TrampolinePrograms))));
    }

    [Fact]
    public void A_tracepoint_field_read_is_a_load_at_its_record_offset()
    {
        Assert.Equal(["r0 = *(u64 *)(r1 + 0x20)", "w0 = w0", "exit"], Instructions("RecordFlags"));
    }

    [Fact]
    public void Out_of_range_argument_index_depends_on_the_architecture()
    {
        var x64 = Assert.Single(X64.Value.Diagnostics, diagnostic => diagnostic.MethodName == "ArgumentIndexOutOfRange.Run");
        var arm64 = Assert.Single(Arm64.Value.Diagnostics, diagnostic => diagnostic.MethodName == "ArgumentIndexOutOfRange.Run");

        Assert.Contains("on x86-64 a probe sees arguments 0 to 5", x64.Message);
        Assert.Contains("on arm64 a probe sees arguments 0 to 7", arm64.Message);
    }

    [Fact]
    public void Seven_typed_kprobe_arguments_fit_arm64_but_not_x64()
    {
        Assert.Contains(X64.Value.Diagnostics, diagnostic => diagnostic.MethodName == "ShapeTooManyArguments.Run");
        Assert.DoesNotContain(Arm64.Value.Diagnostics, diagnostic => diagnostic.MethodName == "ShapeTooManyArguments.Run");
        Assert.Equal([0x0, 0x8, 0x10, 0x18, 0x20, 0x28, 0x30],
            ContextLoadsOf(Arm64.Value, typeof(ShapeTooManyArguments), "Run"));
    }

    private static List<int> ContextLoadsOf(CompilationResult result, Type type, string program)
    {
        var compiled = result.Objects.Single(candidate => candidate.ClassName == type.FullName);
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        return ContextLoads([.. listing.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())]);
    }
}
