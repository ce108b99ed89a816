using System.Reflection;
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
                data.Add($"{method.DeclaringType!.Name}.{method.Name}", isa);
        return data;
    }

    private static IEnumerable<MethodInfo> CorpusMethods() =>
        typeof(EbpfSharp.Corpus.Basics.Smoke).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(method => method.GetCustomAttribute<XdpAttribute>() is not null)
            .OrderBy(method => method.DeclaringType!.FullName).ThenBy(method => method.Name);

    [Fact]
    public void Corpus_compiles_without_errors()
    {
        foreach (var diagnostic in corpus.Result.Diagnostics)
            output.WriteLine(diagnostic.ToString());
        Assert.True(corpus.Result.Success, string.Join("\n", corpus.Result.Diagnostics));
        Assert.True(corpus.For(IsaVersion.V2).Success, string.Join("\n", corpus.For(IsaVersion.V2).Diagnostics));
        Assert.True(corpus.For(IsaVersion.V4).Success, string.Join("\n", corpus.For(IsaVersion.V4).Diagnostics));
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

    [KernelTheory]
    [MemberData(nameof(Programs))]
    public void Kernel_and_CLR_agree(string program, IsaVersion isa)
    {
        var method = CorpusMethods().Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == program);
        var compiled = corpus.For(isa).Objects.SingleOrDefault(o => o.FileName == $"{method.DeclaringType!.Name}.bpf.o");
        Assert.True(compiled is not null, $"{program} was not compiled: {string.Join("\n", corpus.Result.Diagnostics)}");
        var compiledProgram = compiled.Programs.Single(p => p.MethodName == method.Name || p.MethodName.EndsWith("." + method.Name, StringComparison.Ordinal));

        using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
        var kernelProgram = loaded.Program(compiledProgram.SymbolName);
        var run = (Func<XdpContext, XdpAction>)method.CreateDelegate(typeof(Func<XdpContext, XdpAction>));
        int seed = PacketCorpus.Seed;
        var packets = Packets.Value;
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
            finally
            {
                Bpf.TraceOutput = previousTrace;
            }
            byte[] clrOut = context.ToArrayWithMetadata();
            var kernel = kernelProgram.TestRun(new TestRunOptions { Data = packet });
            if (kernel.ReturnValue != (uint)(int)clrAction || !kernel.DataOut.AsSpan().SequenceEqual(clrOut))
            {
                Assert.Fail(
                    $"{program} ({isa}) disagrees on packet {index} of {packets.Count} (seed {seed}; set {PacketCorpus.SeedVariable} to rerun).\n" +
                    $"packet ({packet.Length} bytes): {Convert.ToHexString(packet)}\n" +
                    $"CLR:    {clrAction} ({(int)clrAction}), {clrOut.Length} bytes: {Convert.ToHexString(clrOut)}\n" +
                    $"kernel: {kernel.ReturnValue}, {kernel.DataOut.Length} bytes: {Convert.ToHexString(kernel.DataOut)}");
            }
        }
    }

    [KernelFact("bpftool")]
    public void Corpus_objects_load_with_bpftool()
    {
        Assert.NotEmpty(corpus.Result.Objects);
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
