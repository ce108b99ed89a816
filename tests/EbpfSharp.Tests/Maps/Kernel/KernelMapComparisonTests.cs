using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using static EbpfSharp.Tests.Maps.Kernel.MapComparison;
using static EbpfSharp.Tests.Maps.MapCalls;

namespace EbpfSharp.Tests.Maps.Kernel;

/// <summary>
/// The same operations on a CLR map and on the kernel's: every result, every value read and the final contents
/// must agree. The kernel map is driven either by the host's bpf() calls or by the helpers themselves, called from
/// XDP test runs (<see cref="ProgramSide"/>), which is what a compiled program would do. Sequences are random with
/// fixed seeds, over small key spaces and capacities so that conflicts, misses and full maps all occur.
/// </summary>
public unsafe class KernelMapComparisonTests
{
    /// <summary>How the kernel map is driven.</summary>
    public enum Path { Host, Program }

    [StructLayout(LayoutKind.Sequential)]
    private struct Ipv4Prefix
    {
        public uint PrefixLength;
        public uint Address;
    }

    // Update flags tried: BPF_ANY mostly, NOEXIST, EXIST, both (EINVAL).
    private static readonly ulong[] UpdateFlags = [0, 0, 0, 1, 2, 3];

    // BPF_F_LOCK, alone and with NOEXIST: EINVAL, as no value has a bpf_spin_lock, but a program's array update
    // checks the index (E2BIG) and NOEXIST (EEXIST) first (kernel: array_map_update_elem). The host's update fails
    // in the syscall's own check before the map sees the key (kernel/bpf/syscall.c, map_update_elem), so these
    // differ between host and program and are tried through programs only.
    private static readonly ulong[] ProgramOnlyUpdateFlags = [4, 5];

    private static MapSide KernelSide(BpfMap map, Path path) => path == Path.Host ? new HostSide(map) : new ProgramSide(map);

    private static ulong[] FlagsFor(Path path) => path == Path.Program ? [.. UpdateFlags, .. ProgramOnlyUpdateFlags] : UpdateFlags;

    [KernelTheory]
    [InlineData(Path.Host)]
    [InlineData(Path.Program)]
    public void Hash_map_operations_match_the_kernel(Path path)
    {
        var managed = new HashMap<uint, ulong>(maxEntries: 4);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_hash", BpfMapType.Hash, 4, 8, 4));
        using var kernelSide = KernelSide(kernel, path);
        var random = new Random(1);

        var results = CompareKeyedOperations(ManagedSide.For(managed), kernelSide, random,
            () => BitConverter.GetBytes((uint)random.Next(12)), 8, FlagsFor(path), steps: 400);

        AssertReached(results, 0, ENOENT, EEXIST, E2BIG, EINVAL);
        AssertSameContents(managed, kernel);
    }

    [KernelTheory]
    [InlineData(Path.Host)]
    [InlineData(Path.Program)]
    public void LRU_hash_operations_below_capacity_match_the_kernel(Path path)
    {
        // Below capacity on one CPU, so the kernel's approximate LRU evicts nothing either. (Host lookups, unlike a
        // program's, do not mark an element used (kernel: htab_lru_map_lookup_elem_sys); that matters only once
        // the map evicts.)
        var managed = new LruHashMap<uint, ulong>(maxEntries: 64);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_lru", BpfMapType.LruHash, 4, 8, 64));
        using var kernelSide = KernelSide(kernel, path);
        var random = new Random(2);

        using (PinTo(0))
        {
            var results = CompareKeyedOperations(ManagedSide.For(managed), kernelSide, random,
                () => BitConverter.GetBytes((uint)random.Next(10)), 8, FlagsFor(path), steps: 300);
            AssertReached(results, 0, ENOENT, EEXIST, EINVAL);
        }

        AssertSameContents(managed, kernel);
    }

    [KernelTheory]
    [InlineData(Path.Host)]
    [InlineData(Path.Program)]
    public void Array_operations_match_the_kernel(Path path)
    {
        // Keys run two past the end: lookups there find nothing, updates are E2BIG, from the host too.
        var managed = new ArrayMap<ulong>(maxEntries: 5);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_array", BpfMapType.Array, 4, 8, 5));
        using var kernelSide = KernelSide(kernel, path);
        var random = new Random(3);

        var results = CompareKeyedOperations(ManagedSide.For(managed), kernelSide, random,
            () => BitConverter.GetBytes((uint)random.Next(7)), 8, FlagsFor(path), steps: 300, deletes: false);

        AssertReached(results, 0, EEXIST, E2BIG, EINVAL);
        AssertSameContents(managed, kernel);
    }

    // Per-CPU maps through programs only: a host update writes every CPU's value, a program's only its own CPU's.
    [KernelFact]
    public void Per_CPU_array_operations_on_each_CPU_match_the_kernel()
    {
        var managed = new PerCpuArrayMap<uint>(maxEntries: 4);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_pcpu_array", BpfMapType.PerCpuArray, 4, 4, 4));
        using var programs = new ProgramSide(kernel);
        var random = new Random(4);
        var results = new HashSet<long>();

        for (int round = 0; round < 30; round++)
        {
            using (PinTo(HasTwoCpus ? random.Next(2) : 0))
            {
                results.UnionWith(CompareKeyedOperations(ManagedSide.For(managed), programs, random,
                    () => BitConverter.GetBytes((uint)random.Next(5)), 4, FlagsFor(Path.Program), steps: 10, deletes: false));
            }
        }

        AssertReached(results, 0, EEXIST, E2BIG, EINVAL);
        AssertSameContents(managed, kernel);   // every possible CPU's value, padded to 8 bytes
    }

    [KernelFact]
    public void Per_CPU_hash_operations_on_each_CPU_match_the_kernel()
    {
        var managed = new PerCpuHashMap<uint, uint>(maxEntries: 3);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_pcpu_hash", BpfMapType.PerCpuHash, 4, 4, 3));
        using var programs = new ProgramSide(kernel);
        var random = new Random(5);
        var results = new HashSet<long>();

        for (int round = 0; round < 30; round++)
        {
            using (PinTo(HasTwoCpus ? random.Next(2) : 0))
            {
                results.UnionWith(CompareKeyedOperations(ManagedSide.For(managed), programs, random,
                    () => BitConverter.GetBytes((uint)random.Next(10)), 4, FlagsFor(Path.Program), steps: 10));
            }
        }

        AssertReached(results, 0, ENOENT, EEXIST, E2BIG, EINVAL);
        AssertSameContents(managed, kernel);
    }

    [KernelTheory]
    [InlineData(Path.Host)]
    [InlineData(Path.Program)]
    public void LPM_trie_operations_match_the_kernel(Path path)
    {
        var managed = new LpmTrie<Ipv4Prefix, uint>(maxEntries: 6);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_lpm", BpfMapType.LpmTrie, 8, 4, 6, BpfMapFlags.NoPrealloc));
        var random = new Random(6);
        int[] prefixLengths = [0, 1, 7, 8, 9, 16, 17, 24, 31, 32, 32, 32, 33];
        byte[][] choices = [[10], [0, 1, 128], [0, 2], [0, 3, 255]];
        byte[] NextKey()
        {
            var key = new byte[8];
            BitConverter.TryWriteBytes(key, prefixLengths[random.Next(prefixLengths.Length)]);
            for (int i = 0; i < 4; i++)
                key[4 + i] = choices[i][random.Next(choices[i].Length)];
            return key;
        }

        using var kernelSide = KernelSide(kernel, path);
        var results = CompareKeyedOperations(ManagedSide.For(managed), kernelSide, random, NextKey, 4, FlagsFor(path), steps: 500);

        AssertReached(results, 0, ENOENT, EEXIST, ENOSPC, EINVAL);
        AssertSameContents(managed, kernel);
    }

    [KernelTheory]
    [InlineData(Path.Host)]
    [InlineData(Path.Program)]
    public void Queue_operations_match_the_kernel(Path path)
    {
        var managed = new QueueMap<uint>(maxEntries: 4);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_queue", BpfMapType.Queue, 0, 4, 4));

        using var kernelSide = KernelSide(kernel, path);

        var results = ComparePushPop(ManagedSide.For(managed), kernelSide, new Random(7), steps: 300);

        AssertReached(results, 0, ENOENT, E2BIG, EINVAL);

        AssertSamePending(managed, kernel);
    }

    [KernelTheory]
    [InlineData(Path.Host)]
    [InlineData(Path.Program)]
    public void Stack_operations_match_the_kernel(Path path)
    {
        var managed = new StackMap<uint>(maxEntries: 4);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_stack", BpfMapType.Stack, 0, 4, 4));

        using var kernelSide = KernelSide(kernel, path);

        var results = ComparePushPop(ManagedSide.For(managed), kernelSide, new Random(8), steps: 300);

        AssertReached(results, 0, ENOENT, E2BIG, EINVAL);

        AssertSamePending(managed, kernel);
    }

    [KernelTheory]
    [InlineData(Path.Host)]
    [InlineData(Path.Program)]
    public void Bloom_filter_answers_match_the_kernel_for_added_values(Path path)
    {
        // Values never added may be false positives in the kernel, so only added ones are compared.
        var managed = new BloomFilter<ulong>(maxEntries: 64);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_bloom", BpfMapType.BloomFilter, 0, 8, 64) { MapExtra = 5 });
        var managedSide = ManagedSide.For(managed);
        using var kernelSide = KernelSide(kernel, path);
        var random = new Random(9);
        ulong[] flags = [0, 0, 0, 1, 2];
        var added = new List<byte[]>();

        for (int step = 0; step < 100; step++)
        {
            byte[] value = Bytes(random, 8);
            ulong flag = flags[random.Next(flags.Length)];
            long result = managedSide.Push(value, flag);
            Same($"step {step}: push flags {flag}", result, kernelSide.Push(value, flag));
            if (result == 0)
                added.Add(value);
        }

        Assert.NotEmpty(added);
        foreach (var value in added)
            Same($"contains {Convert.ToHexString(value)}", managedSide.Contains(value), kernelSide.Contains(value));
        Assert.Equal(added.Select(Convert.ToHexString), managed.ContentBytes().Select(entry => Convert.ToHexString(entry.Value)));
    }

    [KernelTheory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(100)]
    public void Ring_buffer_fills_after_as_many_records_as_in_the_kernel(int size)
    {
        // Nobody reads the kernel's buffer, so records fill it until bpf_ringbuf_output answers EAGAIN.
        var managed = new RingBuffer<ulong>(4096);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_ringbuf", BpfMapType.RingBuffer, 0, 0, 4096));
        using var output = KernelPrograms.RingBufferOutput(kernel, size, flags: 0);
        var data = new byte[size];

        var kernelResults = new List<long>();
        var managedResults = new List<long>();
        fixed (byte* record = data)
        {
            for (int i = 0; i < 600; i++)
            {
                kernelResults.Add((int)output.TestRun(new TestRunOptions { Data = new byte[14] }).ReturnValue);
                managedResults.Add(managed.OutputRecord(record, (ulong)size, 0));
            }
        }

        Assert.Equal(kernelResults, managedResults);
        Assert.Contains(EAGAIN, managedResults);
    }

    [KernelFact]
    public void Ring_buffer_output_flags_are_checked_like_the_kernels()
    {
        var managed = new RingBuffer<ulong>(4096);
        using var kernel = BpfMap.Create(new MapDefinition("cmp_ringbuf", BpfMapType.RingBuffer, 0, 0, 4096));
        ulong record = 0;

        foreach (ulong flags in new ulong[] { 1, 2, 3, 4 })
        {
            using var output = KernelPrograms.RingBufferOutput(kernel, sizeof(ulong), flags);
            long expected = (int)output.TestRun(new TestRunOptions { Data = new byte[14] }).ReturnValue;
            Same($"flags {flags}", managed.OutputRecord(&record, sizeof(ulong), flags), expected);
        }
    }

    [KernelFact]
    public void A_tail_call_chain_runs_as_many_programs_as_in_the_kernel()
    {
        using var jumps = BpfMap.Create(new MapDefinition("cmp_jumps", BpfMapType.ProgramArray, 4, 4, 1));
        using var counter = BpfMap.Create(new MapDefinition("cmp_runs", BpfMapType.Array, 4, 8, 1));
        using var loop = KernelPrograms.CountAndTailCallSlot0(jumps, counter);
        jumps.Update(0u, (uint)loop.Handle.Value);

        loop.TestRun(new TestRunOptions { Data = new byte[14] });

        var managed = new ProgramArray(maxEntries: 1);
        int runs = 0;
        XdpAction Loop(XdpContext ctx)
        {
            runs++;
            return managed.TailCall(ctx, 0, XdpAction.Drop);
        }
        managed.Set(0, Loop);
        Loop(XdpContext.ForPacket(new byte[14]));

        Assert.True(counter.TryLookup(0u, out ulong kernelRuns));
        Assert.Equal(34ul, kernelRuns);
        Assert.Equal((int)kernelRuns, runs);
    }
}
