using System.Diagnostics;
using EbpfSharp.Benchmarks;
using EbpfSharp.Compiler;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

// Compiles each pair's C# (our compiler) and C (clang-19), loads both, checks they agree on a packet set and
// prints the comparison as Markdown. Needs root, bpf() and clang-19; see docs/performance.md.
// EBPFSHARP_BENCH_QUICK=1: one short timing round and one compile round, for the exact columns (instructions,
// verified instructions, JIT bytes) while working on the compiler; its ns/run and compile figures mean little.
// `--build-times`: what EbpfSharp adds to `dotnet build` of a sample instead (no kernel or clang needed).
if (args.Contains("--build-times"))
    return BuildTimes.Run(rounds: int.TryParse(Environment.GetEnvironmentVariable("EBPFSHARP_BUILD_ROUNDS"), out int buildRounds) ? buildRounds : 5);

bool quick = Environment.GetEnvironmentVariable("EBPFSHARP_BENCH_QUICK") == "1";
uint Repeat = quick ? 100u : 10_000u;
int TimingRounds = quick ? 1 : 5;
int CompileRounds = quick ? 1 : 3;

if (Requirements.WhyNoKernel is { } noKernel)
    return Unavailable($"bpf() is not usable: {noKernel}");
if (Requirements.WhyNoTool("clang-19") is { } noClang)
    return Unavailable(noClang);

string sourceDirectory = Path.Combine(AppContext.BaseDirectory, "Programs", "c");
string assembly = typeof(BenchmarkSuite).Assembly.Location;
var options = new CompilerOptions { Isa = IsaVersion.V3 };

// Ours: the compiler builds every object of the assembly in one call; the first call pays for JIT-compiling
// the compiler itself, so it is reported apart and the per-object figure is warm wall time / objects.
var stopwatch = Stopwatch.StartNew();
var compilation = EbpfCompiler.Compile(assembly, options);
double coldMilliseconds = stopwatch.Elapsed.TotalMilliseconds;
foreach (var diagnostic in compilation.Diagnostics)
    Console.Error.WriteLine($"compiler: {diagnostic}");
var warm = new List<double>();
for (int round = 0; round < CompileRounds; round++)
{
    stopwatch.Restart();
    EbpfCompiler.Compile(assembly, options);
    warm.Add(stopwatch.Elapsed.TotalMilliseconds);
}
double oursPerObject = Statistics.Median(warm) / Math.Max(1, compilation.Objects.Count);

// Set EBPFSHARP_BENCH_KEEP to a folder to keep both objects of each pair there, for disassembly.
string? keepDirectory = Environment.GetEnvironmentVariable("EBPFSHARP_BENCH_KEEP");
if (keepDirectory is not null)
    Directory.CreateDirectory(keepDirectory);
var packets = PacketSet.Build();
var timed = PacketSet.WellFormed();
var runner = new PairRunner(packets, timed, Repeat, TimingRounds);
var results = new List<PairResult>();
var failures = new List<string>();
// BPF_PROG_TEST_RUN runs XDP on the caller's CPU: keep both twins on the same one.
using var pinned = CpuAffinity.PinCurrentThread(Environment.ProcessorCount > 1 ? 1 : 0);
foreach (var pair in BenchmarkSuite.Pairs)
{
    Console.Error.WriteLine($"{pair.Name} … ({stopwatch.Elapsed.TotalSeconds:F0} s)");
    var compiled = compilation.Objects.SingleOrDefault(item => item.ClassName == pair.CSharpClass.FullName);
    if (compiled is null)
    {
        failures.Add($"{pair.Name}: our compiler produced no object for {pair.CSharpClass.FullName} (see the diagnostics above)");
        continue;
    }
    var (clangBytes, clangMilliseconds) = ClangBuild.Compile(Path.Combine(sourceDirectory, pair.CFile), CompileRounds);
    if (keepDirectory is not null)
    {
        File.WriteAllBytes(Path.Combine(keepDirectory, $"{pair.Name}.ours.o"), compiled.Bytes);
        File.WriteAllBytes(Path.Combine(keepDirectory, $"{pair.Name}.clang.o"), clangBytes);
    }
    try
    {
        using var oursObject = ObjectSpec.Read(compiled.Bytes, compiled.FileName).Load();
        using var clangObject = ObjectSpec.Read(clangBytes, pair.CFile).Load();
        var ours = new Twin(oursObject, oursObject.Program(compiled.Programs.Single().SymbolName), IsOurs: true);
        var clang = new Twin(clangObject, clangObject.Program(pair.CFunction), IsOurs: false);
        var disagreements = runner.Disagreements(pair, ours, clang, out string coverage);
        Console.Error.WriteLine($"  {coverage}");
        foreach (var disagreement in disagreements.Take(10))
            Console.Error.WriteLine($"  DISAGREEMENT {pair.Name}: {disagreement}");
        var (oursNs, clangNs) = runner.NanosecondsPerRun(pair, ours, clang);
        results.Add(new PairResult(pair,
            Side(ours.Program, oursNs, oursPerObject),
            Side(clang.Program, clangNs, clangMilliseconds),
            disagreements));
    }
    catch (BpfException exception)
    {
        failures.Add($"{pair.Name}: {exception.Message}");
    }
}

Console.WriteLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; kernel {Environment.OSVersion.Version} ({File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}); CPU {CpuModel()}; {packets.Count} packets checked; timings: mean over the {timed.Count} well-formed frames of {Repeat} repeats each, median of {TimingRounds} rounds.");
Console.WriteLine($"Our compile: {coldMilliseconds:F0} ms cold for {compilation.Objects.Count} objects (first call, compiler not yet JIT-compiled); per-object figures below are the warm median / objects. clang: median of {CompileRounds} clang-19 processes per object.");
Console.WriteLine();
Console.Write(ResultTable.Render(results));
foreach (var failure in failures)
    Console.WriteLine($"\nFAILED {failure}");
foreach (var result in results.Where(result => !result.Agrees))
    Console.WriteLine($"\nDISAGREES {result.Pair.Name}: {result.Disagreements.Count} packets, first: {result.Disagreements[0]} (excluded from the ratios)");
return failures.Count == 0 && results.All(result => result.Agrees) ? 0 : 1;

static SideResult Side(BpfProgram program, double nanoseconds, double compileMilliseconds)
{
    var info = program.GetInfo();
    return new SideResult(program.InstructionCount, info.VerifiedInstructions, info.JitedSize, nanoseconds, compileMilliseconds);
}

static string CpuModel() =>
    File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

static int Unavailable(string reason)
{
    Console.Error.WriteLine($"The benchmarks cannot run here: {reason}. Run them as root on Linux with clang-19 installed.");
    return 2;
}
