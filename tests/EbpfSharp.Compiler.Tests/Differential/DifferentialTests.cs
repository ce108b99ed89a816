using System.Reflection;
using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>Every corpus program runs on the CLR and in the kernel on the same packets, and both must agree.</summary>
public sealed class DifferentialTests(CorpusFixture corpus, ITestOutputHelper output) : IClassFixture<CorpusFixture>
{
    private static readonly Lazy<List<byte[]>> Packets = new(() => PacketCorpus.Build(PacketCorpus.Seed));

    /// <summary>Every [Xdp] method of the corpus as "Class.Method", for each instruction set.</summary>
    public static TheoryData<string, IsaVersion> Programs()
    {
        var data = new TheoryData<string, IsaVersion>();
        foreach (var isa in new[] { IsaVersion.V3, IsaVersion.V2, IsaVersion.V4 })
            foreach (var method in CorpusMethods())
            {
                string name = $"{method.DeclaringType!.Name}.{method.Name}";
                if (!KnownCompilerFailures.ContainsKey(name) && !(isa == IsaVersion.V2 && ClassesNeedingIsaV3.Contains(method.DeclaringType!.Name)))
                    data.Add(name, isa);
            }
        return data;
    }

    private static IEnumerable<MethodInfo> CorpusMethods() =>
        typeof(EbpfSharp.Corpus.Basics.Smoke).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(method => method.GetCustomAttribute<XdpAttribute>() is not null)
            .OrderBy(method => method.DeclaringType!.FullName).ThenBy(method => method.Name);

    /// <summary>
    /// Corpus classes that use atomics ISA v2 lacks (Exchange, CompareExchange, And, Or, or an atomic add whose result
    /// is used): the compiler rejects them for v2 with EBPF1018, so they run only for v3 and v4.
    /// </summary>
    public static readonly IReadOnlySet<string> ClassesNeedingIsaV3 = new HashSet<string>
    {
        nameof(Corpus.Maps.AtomicOperations), nameof(Corpus.Maps.EventReporting), nameof(Corpus.Maps.RateLimiter), nameof(Corpus.Maps.ScanDetection),
    };

    [Fact]
    public void Corpus_compiles_without_errors()
    {
        foreach (var diagnostic in corpus.Result.Diagnostics)
            output.WriteLine(diagnostic.ToString());
        Assert.True(corpus.Result.Success, string.Join("\n", corpus.Result.Diagnostics));
        Assert.True(corpus.For(IsaVersion.V4).Success, string.Join("\n", corpus.For(IsaVersion.V4).Diagnostics));
        var v2 = corpus.For(IsaVersion.V2).Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(v2.All(diagnostic => diagnostic.Id == "EBPF1018"), string.Join("\n", v2));
        Assert.Equal(ClassesNeedingIsaV3.Order(), v2.Select(diagnostic => diagnostic.MethodName!.Split('.')[0]).Distinct().Order());
        int programs = corpus.Result.Objects.Sum(compiled => compiled.Programs.Count);
        Assert.True(programs >= 40, $"the corpus has {programs} programs; it should have at least 40");
    }

    [Fact]
    public void Packet_corpus_is_large_and_within_test_run_limits()
    {
        var packets = PacketCorpus.Build(PacketCorpus.Seed);
        Assert.True(packets.Count >= 200, $"{packets.Count} packets");
        Assert.All(packets, packet => Assert.InRange(packet.Length, 14, 1500));
        Assert.Equal(packets.Select(Convert.ToHexString), PacketCorpus.Build(PacketCorpus.Seed).Select(Convert.ToHexString));
    }

    /// <summary>
    /// Corpus programs left out of <see cref="Kernel_and_CLR_agree"/> because of a known compiler bug, with the
    /// failure. Each stays in the corpus; remove it from here once the bug is fixed.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownCompilerFailures = new Dictionary<string, string>
    {
    };

    [Fact]
    public void Known_compiler_failures_name_corpus_programs()
    {
        var programs = CorpusMethods().Select(method => $"{method.DeclaringType!.Name}.{method.Name}").ToHashSet();
        Assert.All(KnownCompilerFailures.Keys, program => Assert.Contains(program, programs));
    }

    /// <summary>
    /// Runs the program on the CLR and in the kernel on every packet of the corpus; after each packet the verdict,
    /// the output bytes, every map of the program's class and every global variable must agree. The class's static
    /// state is shared by the process, so the test holds its <see cref="CorpusClass.Gate"/>, resets it, loads a fresh
    /// object and copies the prepared maps into it; it stays on one CPU so that per-CPU values line up.
    /// </summary>
    [KernelTheory]
    [MemberData(nameof(Programs))]
    public void Kernel_and_CLR_agree(string program, IsaVersion isa)
    {
        var method = CorpusMethods().Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == program);
        var compiled = corpus.For(isa).Objects.SingleOrDefault(o => o.FileName == $"{method.DeclaringType!.Name}.bpf.o");
        Assert.True(compiled is not null, $"{program} was not compiled: {string.Join("\n", corpus.For(isa).Diagnostics)}");
        var corpusClass = CorpusClass.For(method.DeclaringType!);
        var run = method.CreateDelegate<Func<XdpContext, XdpAction>>();
        int seed = PacketCorpus.Seed;
        var packets = Packets.Value;
        string Where(int index) => index < 0
            ? $"{program} ({isa}) disagrees before the first packet, after Setup"
            : $"{program} ({isa}) disagrees on packet {index} of {packets.Count} (seed {seed}; set {PacketCorpus.SeedVariable} to rerun).\n" +
              $"packet ({packets[index].Length} bytes): {Convert.ToHexString(packets[index])}";

        lock (corpusClass.Gate)
        {
            int cpu = (int)Bpf.GetSmpProcessorId();
            using var pinned = CpuAffinity.PinCurrentThread(cpu);
            using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
            var kernelProgram = loaded.Program(SymbolOf(compiled, method.Name));
            corpusClass.Reset();
            using var mirror = new KernelMirror(corpusClass, loaded, name => loaded.Program(SymbolOf(compiled, name)), cpu);
            mirror.Populate();
            AssertSameState(mirror, Where(-1));

            var writer = new StringWriter();
            var previousTrace = Bpf.TraceOutput;
            for (int index = 0; index < packets.Count; index++)
            {
                byte[] packet = packets[index];
                var context = XdpContext.ForPacket(packet);
                XdpAction clrAction;
                Bpf.TraceOutput = writer;
                try
                {
                    clrAction = run(context);
                }
                catch (Exception exception)
                {
                    throw new Xunit.Sdk.XunitException($"{Where(index)}\nThe CLR run threw {exception}");
                }
                finally
                {
                    Bpf.TraceOutput = previousTrace;
                }
                byte[] clrOut = context.ToArrayWithMetadata();
                var kernel = kernelProgram.TestRun(new TestRunOptions { Data = packet });
                if (kernel.ReturnValue != (uint)(int)clrAction || !kernel.DataOut.AsSpan().SequenceEqual(clrOut))
                {
                    Assert.Fail(
                        $"{Where(index)}\n" +
                        $"CLR:    {clrAction} ({(int)clrAction}), {clrOut.Length} bytes: {Convert.ToHexString(clrOut)}\n" +
                        $"kernel: {kernel.ReturnValue}, {kernel.DataOut.Length} bytes: {Convert.ToHexString(kernel.DataOut)}");
                }
                AssertSameState(mirror, Where(index));
            }
            output.WriteLine(mirror.Summary());
        }
    }

    private static string SymbolOf(CompiledObject compiled, string methodName) =>
        compiled.Programs.Single(p => p.MethodName == methodName || p.MethodName.EndsWith("." + methodName, StringComparison.Ordinal)).SymbolName;

    private static void AssertSameState(KernelMirror mirror, string where)
    {
        var differences = mirror.Differences();
        if (differences.Count > 0)
            Assert.Fail($"{where}\n{string.Join("\n", differences)}");
    }

    [KernelFact("bpftool")]
    public void Corpus_objects_load_with_bpftool()
    {
        var classesWithPrograms = CorpusMethods().Select(method => method.DeclaringType!.FullName!).ToHashSet();
        Assert.Equal(classesWithPrograms.Order(), corpus.Result.Objects.Select(compiled => compiled.ClassName).Order());
        var failures = new List<string>();
        foreach (var compiled in corpus.Result.Objects)
        {
            string path = Scratch.WriteFile(compiled.FileName, compiled.Bytes);
            try
            {
                using var libbpf = Bpftool.LoadAll(path);
                Assert.Equal(compiled.Programs.Count, libbpf.Programs.Count());
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{compiled.FileName}: {e.Message}");
            }
            finally
            {
                File.Delete(path);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
