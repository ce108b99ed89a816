using System.CommandLine;
using System.Text.Json;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime;

namespace EbpfSharp.Cli.Commands;

/// <summary>
/// <c>ebpfsharp test-run &lt;object.o&gt; --program &lt;name&gt; (--data &lt;hex&gt; | --data-file &lt;file&gt;) [--repeat &lt;n&gt;] [--json]</c>:
/// load the object, run each packet under BPF_PROG_TEST_RUN, and report the results and the maps afterwards.
/// </summary>
internal static class TestRunCommand
{
    private static readonly string[] XdpActions = ["XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX", "XDP_REDIRECT"];

    public static Command Create(TextWriter output)
    {
        var file = CommonOptions.ObjectFile();
        var program = new Option<string>("--program") { Description = "The program to run.", Required = true };
        var data = new Option<string?>("--data") { Description = "One packet as hex (\"0011aabb…\")." };
        var dataFile = new Option<FileInfo?>("--data-file") { Description = "A file with one hex packet per line." };
        var repeat = new Option<uint>("--repeat") { Description = "Runs per packet; the duration is their average.", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var verifierLog = CommonOptions.VerifierLog();
        var command = new Command("test-run", "Load an object and run a program on packets with BPF_PROG_TEST_RUN; show results and maps.")
        {
            file, program, data, dataFile, repeat, json, verifierLog,
        };
        command.SetAction(result =>
        {
            string path = CommonOptions.Existing(result.GetRequiredValue(file));
            string programName = result.GetRequiredValue(program);
            var packets = (result.GetValue(data), result.GetValue(dataFile)) switch
            {
                ({ } hex, null) => [PacketInput.Parse(hex, "--data")],
                (null, { } packetFile) => PacketInput.ReadFile(CommonOptions.Existing(packetFile)),
                (null, null) => throw new ArgumentException("Give the packet with --data <hex> or --data-file <file>."),
                _ => throw new ArgumentException("Give either --data or --data-file, not both."),
            };

            var spec = ObjectSpec.ReadFile(path);
            spec.Program(programName);
            using var loaded = spec.Load(new LoadOptions { Programs = [programName] });
            var target = loaded.Program(programName);
            var runs = packets.Select(packet => target.TestRun(new TestRunOptions { Data = packet, Repeat = result.GetValue(repeat) })).ToList();
            var info = target.GetInfo();

            if (result.GetValue(json))
                CommonOptions.WriteJson(output, writer => WriteJson(writer, target, info, runs, loaded));
            else
                WriteText(output, target, info, runs, loaded);
            return 0;
        });
        return command;
    }

    private static void WriteText(TextWriter output, BpfProgram program, ProgramInfo info, List<TestRunResult> runs, BpfObject loaded)
    {
        output.WriteLine($"program  {program.Name} ({program.SectionName}, {program.Type})");
        output.WriteLine($"insns {program.InstructionCount}  jited_bytes {info.JitedSize}  verified_insns {info.VerifiedInstructions}");
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            output.WriteLine();
            output.WriteLine($"packet {i}: retval {run.ReturnValue}{Action(program, run.ReturnValue)}  duration_ns {run.DurationNanoseconds}");
            output.WriteLine($"  data_out ({run.DataOut.Length} bytes) {Convert.ToHexString(run.DataOut).ToLowerInvariant()}");
        }
        output.WriteLine();
        output.WriteLine("maps after the run");
        new MapContents(loaded).WriteText(output);
    }

    private static void WriteJson(Utf8JsonWriter writer, BpfProgram program, ProgramInfo info, List<TestRunResult> runs, BpfObject loaded)
    {
        writer.WriteStartObject();
        writer.WriteString("program", program.Name);
        writer.WriteString("section", program.SectionName);
        writer.WriteString("type", program.Type.ToString());
        writer.WriteNumber("insns", program.InstructionCount);
        writer.WriteNumber("jited_bytes", info.JitedSize);
        writer.WriteNumber("verified_insns", info.VerifiedInstructions);
        writer.WriteStartArray("runs");
        foreach (var run in runs)
        {
            writer.WriteStartObject();
            writer.WriteNumber("retval", run.ReturnValue);
            writer.WriteNumber("duration_ns", run.DurationNanoseconds);
            writer.WriteString("data_out", Convert.ToHexString(run.DataOut).ToLowerInvariant());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        new MapContents(loaded).WriteJson(writer);
        writer.WriteEndObject();
    }

    private static string Action(BpfProgram program, uint value) =>
        program.Type == BpfProgramType.Xdp && value < XdpActions.Length ? $" ({XdpActions[value]})" : "";
}
