namespace EbpfSharp.Generators.Tests;

/// <summary>
/// Which handle a program gets, and what it is constructed with, for the cases the snapshots do not show:
/// attribute arguments that are constant expressions, malformed ones, and look-alike attributes.
/// </summary>
public sealed class ProgramHandleTests
{
    [Fact]
    public void An_offset_written_as_a_constant_expression_is_folded_into_the_handle()
    {
        string source = Generate("""
            [Kprobe("tcp_v4_connect", Offset = 2 * Step)]
            public static int InConnect(PtRegs* regs) => 0;

            [Uprobe(Library, "malloc", Offset = Step)]
            public static int InMalloc(PtRegs* regs) => 0;

            const ulong Step = 8;
            const string Library = "libc.so.6";
            """);

        Assert.Contains("KprobeProgram(this, loaded.Program(\"InConnect\"), \"tcp_v4_connect\", offset: 0x10UL, isReturnProbe: false)", source);
        Assert.Contains("UprobeProgram(this, loaded.Program(\"InMalloc\"), binary: \"libc.so.6\", symbol: \"malloc\", offset: 0x8UL, isReturnProbe: false)", source);
    }

    [Fact]
    public void An_attribute_with_an_empty_target_gives_a_plain_BpfProgram()
    {
        string source = Generate("""
            [Kprobe("")]
            public static int NoFunction(PtRegs* regs) => 0;

            [Tracepoint("syscalls", "")]
            public static int NoName(void* ctx) => 0;

            [Uprobe("libc.so.6", "")]
            public static int NoSymbol(PtRegs* regs) => 0;
            """);

        Assert.Contains("public global::EbpfSharp.Runtime.BpfProgram NoFunction { get; }", source);
        Assert.Contains("public global::EbpfSharp.Runtime.BpfProgram NoName { get; }", source);
        Assert.Contains("public global::EbpfSharp.Runtime.BpfProgram NoSymbol { get; }", source);
    }

    [Fact]
    public void A_look_alike_attribute_outside_the_EbpfSharp_namespace_gives_a_plain_BpfProgram()
    {
        var outcome = TestCompilation.Run("""
            namespace Custom
            {
                public sealed class KprobeAttribute(string function) : EbpfSharp.ProgramAttribute
                {
                    public override string SectionName => "kprobe/" + function;
                }

                public static unsafe partial class Probes
                {
                    [Kprobe("do_sys_openat2")]
                    public static int OnOpen(EbpfSharp.PtRegs* regs) => 0;
                }
            }
            """);

        Assert.Empty(outcome.CompilationProblems());
        string source = Assert.Single(outcome.GeneratedSources).SourceText.ToString();
        Assert.Contains("public global::EbpfSharp.Runtime.BpfProgram OnOpen { get; }", source);
    }

    [Fact]
    public void A_return_probe_knows_it_is_one_and_an_entry_probe_without_target_keeps_its_offset()
    {
        string source = Generate("""
            [Kretprobe("vfs_read")]
            public static int OnRead(long result) => 0;

            [Uprobe(Offset = 4)]
            public static int Anywhere(PtRegs* regs) => 0;

            [Fexit("vfs_read")]
            public static int AfterRead(void* file, byte* buffer, ulong count, long* position, long result) => 0;
            """);

        Assert.Contains("KprobeProgram(this, loaded.Program(\"OnRead\"), \"vfs_read\", offset: 0, isReturnProbe: true)", source);
        Assert.Contains("UprobeProgram(this, loaded.Program(\"Anywhere\"), binary: null, symbol: null, offset: 0x4UL, isReturnProbe: false)", source);
        Assert.Contains("TracingProgram(this, loaded.Program(\"AfterRead\"), \"vfs_read\", isExit: true)", source);
    }

    private static string Generate(string members)
    {
        var outcome = TestCompilation.Run($$"""
            using EbpfSharp;

            namespace Handles;

            public static unsafe partial class Probes
            {
            {{members}}
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
        return Assert.Single(outcome.GeneratedSources).SourceText.ToString();
    }
}
