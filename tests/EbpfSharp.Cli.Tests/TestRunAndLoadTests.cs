using System.Text.Json;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Tests.Writing;
using EbpfSharp.Object.Writing;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Cli.Tests;

public class TestRunAndLoadTests
{
    private static readonly string Counter = CliRun.WriteTemporaryObject(SampleObjects.CounterWithEverything().Write(), "counter.bpf.o");
    private static readonly string Packet = "05" + new string('0', 126);

    [KernelFact]
    public void The_built_command_runs_as_its_own_process_and_loads_objects()
    {
        // Runs the real entry assembly: its name must not shadow EbpfSharp.dll, which the runtime loads.
        string command = Path.Combine(AppContext.BaseDirectory, "EbpfSharp.Cli.dll");

        var run = Tools.Run("dotnet", [command, "test-run", Counter, "--program", "count_packets", "--data", Packet]);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains("XDP_", run.StandardOutput, StringComparison.Ordinal);
    }

    [KernelFact("clang-19")]
    public void Test_run_json_reports_the_run_the_program_and_the_maps()
    {
        string path = ClangFixtures.Compile("xdp_maps");
        var spec = Runtime.ObjectSpec.ReadFile(path);
        string program = spec.Programs[0].Name;
        string udp = "ffffffffffff001122334455080045000030000000004011000000000000000000000004d2162e001c0000" + new string('a', 40);

        var run = CliRun.Of("test-run", path, "--program", program, "--data", udp, "--repeat", "3", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var first = root.GetProperty("runs")[0];
        Assert.InRange(first.GetProperty("retval").GetUInt32(), 0u, 4u);
        Assert.True(first.GetProperty("duration_ns").GetUInt32() > 0);
        Assert.Equal(udp.Length / 2, first.GetProperty("data_out").GetString()!.Length / 2);
        Assert.Equal(spec.Programs[0].Instructions.Sum(i => i.Slots), root.GetProperty("insns").GetInt32());
        Assert.True(root.GetProperty("jited_bytes").GetInt32() > 0);
        Assert.True(root.GetProperty("verified_insns").GetInt32() > 0);
        var maps = root.GetProperty("maps").EnumerateArray().ToList();
        Assert.Equal(spec.Maps.Count, maps.Count);
        Assert.Contains(maps, map => map.GetProperty("entries").EnumerateArray().Any(entry => entry.GetProperty("value").GetString()!.Replace(" ", "").Trim('0').Length > 0));
    }

    [KernelFact]
    public void Test_run_text_shows_the_verdict_and_the_typed_counters()
    {
        var run = CliRun.Of("test-run", Counter, "--program", "count_packets", "--data", Packet, "--repeat", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("packet 0: retval 2 (XDP_PASS)", run.Output);
        Assert.Contains("    5: 2", run.Output);
        Assert.Contains("{\"total\":82}", run.Output);
    }

    [KernelFact]
    public void Test_run_takes_one_packet_per_line_of_a_data_file()
    {
        string file = Path.Combine(Scratch.NewDirectory("packets"), "packets.txt");
        File.WriteAllLines(file, ["# two packets", Packet, "", "07" + new string('0', 126)]);

        var run = CliRun.Of("test-run", Counter, "--program", "count_packets", "--data-file", file, "--json");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("runs").GetArrayLength());
    }

    [KernelFact]
    public void Bad_hex_is_reported_with_its_place()
    {
        var run = CliRun.Of("test-run", Counter, "--program", "count_packets", "--data", "abc");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--data: the hex packet has an odd number of digits", run.Error);
    }

    [KernelFact]
    public void A_verifier_rejection_prints_the_reason_and_on_request_the_whole_log()
    {
        var builder = new ObjectBuilder();
        builder.AddFunction(new FunctionCode("broken", [Alu64.Mov.Reg(R0, R5), Jmp.Exit()]) { SectionName = "xdp" });
        string path = CliRun.WriteTemporaryObject(builder.Write(), "broken.o");

        var brief = CliRun.Of("test-run", path, "--program", "broken", "--data", Packet);
        var full = CliRun.Of("test-run", path, "--program", "broken", "--data", Packet, "--verifier-log");

        Assert.Equal(1, brief.ExitCode);
        Assert.Contains("R5 !read_ok", brief.Error);
        Assert.DoesNotContain("Full verifier log", brief.Error);
        Assert.Contains("Full verifier log", full.Error);
    }

    [KernelFact("bpftool")]
    public void Load_pins_programs_and_maps_that_outlive_the_command()
    {
        using var fileSystem = new TemporaryBpfFileSystem();
        string directory = fileSystem.PathOf("counter");

        var run = CliRun.Of("load", Counter, "--pin", directory, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(Path.Combine(directory, "count_packets"), json.RootElement.GetProperty("programs")[0].GetProperty("pinned").GetString());
        Assert.Contains("xdp  name count_packets", Tools.RunChecked("bpftool", "prog", "show", "pinned", Path.Combine(directory, "count_packets")));
        Assert.True(File.Exists(Path.Combine(directory, "maps", "counter_rodata")));
    }

    [KernelFact]
    public void Load_outside_a_bpf_file_system_says_where_to_pin()
    {
        string existing = Scratch.NewDirectory("not-bpffs");
        string created = Path.Combine(existing, "created", "here");

        var intoExisting = CliRun.Of("load", Counter, "--pin", existing);
        var intoNew = CliRun.Of("load", Counter, "--pin", created);

        Assert.Equal(1, intoExisting.ExitCode);
        Assert.Contains("not on a bpf file system", intoExisting.Error);
        Assert.Empty(Directory.GetFileSystemEntries(existing));
        Assert.Equal(1, intoNew.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(existing, "created")));
    }
}
