using System.Diagnostics;
using Xunit.Abstractions;
using EbpfSharp.Object;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Tests.Writing;
using EbpfSharp.Object.Writing;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>
/// 10,000 seeded mutations and truncations of valid objects: every one is read (and loaded) or refused
/// with one of EbpfSharp's exception types, never another exception, a crash or a hang.
/// </summary>
[Collection(SerialCollection.Name)]
public class MalformedObjectTests(ITestOutputHelper output)
{
    /// <summary>CI uses a fixed seed; set EBPFSHARP_MUTATION_SEED to explore others locally.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("EBPFSHARP_MUTATION_SEED"), out int seed) ? seed : 20261121;

    private const int MutantCount = 10_000;
    private static readonly TimeSpan HangThreshold = TimeSpan.FromSeconds(5);
    private static readonly Lazy<List<byte[]>> Mutants = new(CreateMutants);

    [Fact]
    public void Mutated_objects_are_read_or_refused_with_typed_exceptions()
    {
        var unexpected = new List<string>();
        int read = 0, refused = 0;
        for (int i = 0; i < Mutants.Value.Count; i++)
        {
            var mutant = Mutants.Value[i];
            var watch = Stopwatch.StartNew();
            try
            {
                ObjectSpec.Read(mutant, "mutant");
                read++;
            }
            catch (Exception exception) when (exception is ObjectFormatException or BpfNotSupportedException)
            {
                refused++;
            }
            catch (Exception exception)
            {
                unexpected.Add($"#{i} read: {exception.GetType().Name}: {exception.Message} {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("EbpfSharp"))}");
            }
            Disassemble(mutant, i, unexpected);
            if (watch.Elapsed > HangThreshold)
                unexpected.Add($"#{i} took {watch.Elapsed.TotalSeconds:F1} s");
        }

        output.WriteLine($"seed {Seed}: {read} mutants read, {refused} refused");
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexpected outcomes:\n" + string.Join("\n", unexpected.Take(20)));
        Assert.Equal(MutantCount, read + refused);
        Assert.True(read > 500 && refused > 500, $"the mutations should both keep and break objects: {read} read, {refused} refused");
    }

    [KernelFact]
    public void Mutated_objects_that_read_load_or_fail_with_typed_exceptions_and_leak_nothing()
    {
        var unexpected = new List<string>();
        int loaded = 0, rejected = 0;
        var before = DescriptorSnapshot.TakeBaseline();
        for (int i = 0; i < Mutants.Value.Count; i++)
        {
            ObjectSpec spec;
            try
            {
                spec = ObjectSpec.Read(Mutants.Value[i], "mutant");
            }
            catch (Exception exception) when (exception is ObjectFormatException or BpfException)
            {
                continue;
            }
            if (!Affordable(spec))
                continue;
            try
            {
                using var _ = spec.Load();
                loaded++;
            }
            catch (Exception exception) when (exception is ObjectFormatException or BpfException)
            {
                rejected++;
            }
            catch (Exception exception)
            {
                unexpected.Add($"#{i} load: {exception.GetType().Name}: {exception.Message}");
            }
        }

        output.WriteLine($"seed {Seed}: {loaded} mutants loaded, {rejected} rejected by the kernel or the loader");
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexpected outcomes:\n" + string.Join("\n", unexpected.Take(20)));
        Assert.True(loaded > 100 && rejected > 100, $"{loaded} loaded, {rejected} rejected");
        before.AssertUnchanged();
    }

    private static void Disassemble(byte[] mutant, int index, List<string> unexpected)
    {
        ElfFile file;
        try
        {
            file = ElfFile.Read(mutant);
        }
        catch (ObjectFormatException)
        {
            return;
        }
        try
        {
            ObjectDisassembler.Disassemble(file, "mutant.o", new ObjectDisassemblyOptions { ShowRelocations = true, ShowSourceLines = true });
        }
        catch (ObjectFormatException)
        {
        }
        catch (Exception exception)
        {
            unexpected.Add($"#{index} disassemble: {exception.GetType().Name}: {exception.Message} {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("EbpfSharp.Object"))}");
        }
    }

    /// <summary>A mutated max_entries can ask the kernel for gigabytes; such objects are read but not loaded.</summary>
    private static bool Affordable(ObjectSpec spec) =>
        spec.Maps.All(map => (long)Math.Max(map.Definition.MaxEntries, 0) * (Math.Max(map.Definition.ValueSize, 0) + Math.Max(map.Definition.KeySize, 0) + 64) < 64L << 20);

    private static List<byte[]> CreateMutants()
    {
        byte[][] originals = [SampleObjects.CounterWithEverything().Write(), ManyMapKinds()];
        var mutator = new ObjectMutator(Seed);
        var mutants = new List<byte[]>(MutantCount);
        for (int i = 0; i < MutantCount; i++)
            mutants.Add(mutator.Mutate(originals[i % originals.Length]));
        return mutants;
    }

    /// <summary>Two programs, a subprogram and maps of several kinds, so mutations reach every reader path.</summary>
    private static byte[] ManyMapKinds()
    {
        var builder = new ObjectBuilder("Dual MIT/GPL");
        int u32 = builder.Types.Integer("unsigned int", 4, signed: false);
        int u64 = builder.Types.Integer("unsigned long long", 8, signed: false);
        builder.AddMap(new MapDeclaration("by_flow", BpfMapType.Hash, 64) { KeyTypeId = u64, ValueTypeId = u64 });
        builder.AddMap(new MapDeclaration("recent", BpfMapType.LruHash, 32) { KeySize = 4, ValueSize = 16 });
        builder.AddMap(new MapDeclaration("per_cpu", BpfMapType.PerCpuArray, 4) { KeyTypeId = u32, ValueTypeId = u64 });
        builder.AddMap(new MapDeclaration("events", BpfMapType.RingBuffer, 4096));
        builder.AddMap(new MapDeclaration("work", BpfMapType.Queue, 8) { ValueSize = 8 });
        builder.AddGlobal(new GlobalVariable(".data", "threshold", u32, BitConverter.GetBytes(3u)));
        builder.AddFunction(new FunctionCode("clamp", [Alu64.Mov.Reg(R0, R1), Jmp.Le.Imm(R0, 4, "ok"), Alu64.Mov.Imm(R0, 4), Jmp.Exit().WithLabel("ok")])
        {
            Parameters = [new("value", u64)],
        });
        builder.AddFunction(new FunctionCode("count",
        [
            Alu64.Mov.Imm(R1, 0),
            Mem.Store(AccessSize.Word, R10, -4, R1),
            Ld.Symbol(R1, "per_cpu"),
            Alu64.Mov.Reg(R2, R10),
            Alu64.Add.Imm(R2, -4),
            Jmp.Call(1),
            Jmp.Eq.Imm(R0, 0, "out"),
            Alu64.Mov.Imm(R1, 1),
            Atomic.Add(AccessSize.DoubleWord, R0, 0, R1),
            Ld.Symbol(R1, "threshold").WithLabel("out"),
            Mem.Load(AccessSize.Word, R1, R1, 0),
            Jmp.CallSubprogram("clamp"),
            Alu64.Mov.Imm(R0, 2),
            Jmp.Exit(),
        ]) { SectionName = "xdp" });
        builder.AddFunction(new FunctionCode("probe", [Alu64.Mov.Imm(R1, 9), Jmp.CallSubprogram("clamp"), Alu64.Mov.Imm(R0, 0), Jmp.Exit()])
        {
            SectionName = "kprobe/do_sys_openat2",
        });
        return builder.Write();
    }
}
