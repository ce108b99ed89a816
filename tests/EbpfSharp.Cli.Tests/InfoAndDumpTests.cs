using System.Text.Json;
using EbpfSharp.Object.Tests.Writing;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Cli.Tests;

public class InfoAndDumpTests
{
    private static readonly string Counter = CliRun.WriteTemporaryObject(SampleObjects.CounterWithEverything().Write(), "counter.bpf.o");

    [Fact]
    public void Info_lists_programs_maps_variables_and_btf()
    {
        var run = CliRun.Of("info", Counter);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("count_packets  xdp      Xdp   24", run.Output);
        Assert.Contains("counts", run.Output);
        Assert.Contains("counter.rodata", run.Output);
        Assert.Contains("bonus", run.Output);
        Assert.Contains("func_info", run.Output);
    }

    [Fact]
    public void Info_json_is_one_document_with_every_part()
    {
        var run = CliRun.Of("info", Counter, "--json");

        using var json = JsonDocument.Parse(run.Output);
        var program = json.RootElement.GetProperty("programs")[0];
        Assert.Equal("count_packets", program.GetProperty("name").GetString());
        Assert.Equal("xdp", program.GetProperty("section").GetString());
        Assert.Equal(24, program.GetProperty("insns").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("maps").GetArrayLength());
        Assert.Equal("bonus", json.RootElement.GetProperty("variables")[0].GetProperty("name").GetString());
        Assert.Equal(6, json.RootElement.GetProperty("btf").GetProperty("line_info").GetInt32());
    }

    [Fact]
    public void Dump_shows_the_source_lines_before_their_instructions()
    {
        var run = CliRun.Of("dump", Counter);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("; Total += AddOne(Bonus); @ Counter.cs:15\n      15:\t18 01", run.Output);
        Assert.Contains("<add_one>:", run.Output);
    }

    [Fact]
    public void Dump_of_one_program_leaves_out_the_others()
    {
        var run = CliRun.Of("dump", Counter, "--program", "add_one", "--no-source");

        Assert.Contains("<add_one>:", run.Output);
        Assert.DoesNotContain("count_packets", run.Output);
        Assert.DoesNotContain(";", run.Output);
    }

    [Fact]
    public void Dump_of_an_unknown_program_names_the_ones_there_are()
    {
        var run = CliRun.Of("dump", Counter, "--program", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'nope'", run.Error);
        Assert.Contains("count_packets", run.Error);
    }

    [ToolFact("clang-19", "llvm-objdump-19")]
    public void Dump_without_source_lines_is_llvm_objdumps_output()
    {
        string path = ClangFixtures.Compile("xdp_maps");

        var run = CliRun.Of("dump", path, "--no-source");

        Assert.Equal(Tools.RunChecked("llvm-objdump-19", "-d", path), run.Output);
    }

    [Fact]
    public void A_malformed_object_is_one_error_line_without_a_stack_trace()
    {
        string path = CliRun.WriteTemporaryObject([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0], "truncated.o");

        var run = CliRun.Of("info", path);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ebpfsharp: error: The file is 10 bytes", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var run = CliRun.Of("info", "/nonexistent/thing.o");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'/nonexistent/thing.o' does not exist", run.Error);
    }

    [Fact]
    public void A_usage_error_exits_with_a_nonzero_code()
    {
        var run = CliRun.Of("test-run", Counter);

        Assert.Equal(CliApplication.UsageError, run.ExitCode);
        Assert.Contains("--program", run.Error);
    }
}
