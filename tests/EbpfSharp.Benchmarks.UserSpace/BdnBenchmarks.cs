using BenchmarkDotNet.Attributes;
using EbpfSharp.Runtime;

namespace EbpfSharp.Benchmarks.UserSpace;

/// <summary>Single-element operations, per API flavour (BenchmarkDotNet: run with --bdn --filter *MapElement*).</summary>
[MemoryDiagnoser]
public class MapElementBenchmarks
{
    private Workload _work = null!;

    [GlobalSetup] public void Setup() => _work = new Workload();
    [GlobalCleanup] public void Cleanup() => _work.Dispose();

    [Benchmark] public bool HashLookupSpans() => _work.LookupRaw(_work.Hash);
    [Benchmark] public bool HashLookupTyped() => _work.LookupTyped(_work.Hash);
    [Benchmark] public bool HashLookupView() => _work.LookupView(_work.HashView);
    [Benchmark] public void HashUpdateSpans() => _work.UpdateRaw(_work.Hash);
    [Benchmark] public void HashUpdateTyped() => _work.UpdateTyped(_work.Hash);
    [Benchmark] public void HashUpdateView() => _work.UpdateView(_work.HashView);
    [Benchmark] public bool ArrayLookupSpans() => _work.LookupRaw(_work.Array);
    [Benchmark] public bool ArrayLookupView() => _work.LookupView(_work.ArrayView);
    [Benchmark] public void ArrayUpdateSpans() => _work.UpdateRaw(_work.Array);
    [Benchmark] public void ArrayUpdateView() => _work.UpdateView(_work.ArrayView);
}

/// <summary>Whole-map batches of 1024 entries (--filter *MapBatch*).</summary>
[MemoryDiagnoser]
public class MapBatchBenchmarks
{
    private Workload _work = null!;

    [GlobalSetup] public void Setup() => _work = new Workload();
    [GlobalCleanup] public void Cleanup() => _work.Dispose();

    [Benchmark(OperationsPerInvoke = Workload.Entries)] public void HashUpdateBatch() => _work.UpdateBatchRaw(_work.Hash);
    [Benchmark(OperationsPerInvoke = Workload.Entries)] public void HashUpdateBatchView() => _work.UpdateBatchView(_work.HashView);
    [Benchmark(OperationsPerInvoke = Workload.Entries)] public int HashLookupBatch() => _work.LookupBatchRaw(_work.Hash);
    [Benchmark(OperationsPerInvoke = Workload.Entries)] public int HashGetAll() => _work.GetAllView(_work.HashView);
    [Benchmark(OperationsPerInvoke = Workload.Entries)] public void ArrayUpdateBatch() => _work.UpdateBatchRaw(_work.Array);
    [Benchmark(OperationsPerInvoke = Workload.Entries)] public int ArrayLookupBatch() => _work.LookupBatchRaw(_work.Array);
}

/// <summary>Ring buffer events into ReadAllAsync, and object load (--filter *RingAndLoad*).</summary>
[MemoryDiagnoser]
public class RingAndLoadBenchmarks
{
    private Workload _work = null!;

    [GlobalSetup] public void Setup() => _work = new Workload();
    [GlobalCleanup] public void Cleanup() => _work.Dispose();

    [Benchmark(OperationsPerInvoke = Workload.RingRecords)] public ValueTask<int> RingBufferEvents() => _work.RingBufferRound();
    [Benchmark] public void ObjectLoad() => Workload.LoadObject();
}
