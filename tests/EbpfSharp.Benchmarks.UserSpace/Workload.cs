using System.Runtime.InteropServices;
using EbpfSharp.Runtime;

namespace EbpfSharp.Benchmarks.UserSpace;

/// <summary>The record emit_events writes (struct event in c/userspace.bpf.c).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Event
{
    public ulong Sequence;
    public ulong Value;
}

/// <summary>
/// The .NET side of every benchmark, on the object c/userspace.bpf.c: the same maps, keys and values as the libbpf
/// harness (c/libbpf_bench.c) and rounds library (c/libbpf_rounds.c), so the two rates compare like for like.
/// </summary>
public sealed class Workload : IDisposable
{
    public const int Entries = 1024;
    /// <summary>RECORDS_PER_RUN in c/userspace.bpf.c.</summary>
    public const int RingRecords = 4096;

    private readonly BpfObject _object;
    private readonly byte[] _keyBytes = new byte[sizeof(uint)];
    private readonly byte[] _valueBytes = new byte[sizeof(ulong)];
    private readonly byte[] _batchKeys = new byte[Entries * sizeof(uint)];
    private readonly byte[] _batchValues = new byte[Entries * sizeof(ulong)];
    private readonly uint[] _typedKeys = new uint[Entries];
    private readonly ulong[] _typedValues = new ulong[Entries];
    private readonly MapBatchCursor _cursor = new();
    private readonly KeyValuePair<uint, ulong>[] _entries = new KeyValuePair<uint, ulong>[Entries];
    private readonly BpfProgram _emitter;
    private readonly TestRunOptions _emitRun = new() { Data = new byte[64] };
    private RingBufferReader<Event>? _reader;
    private IAsyncEnumerator<Event>? _events;
    private uint _i;

    public Workload()
    {
        _object = BpfObject.Load(Native.ObjectPath);
        Hash = _object.Map("bench_hash");
        Array = _object.Map("bench_array");
        HashView = new MapView<uint, ulong>(Hash);
        ArrayView = new MapView<uint, ulong>(Array);
        for (uint key = 0; key < Entries; key++)
        {
            Hash.Update(key, 0UL);
            _typedKeys[key] = key;
            _typedValues[key] = key;
            _entries[key] = new(key, key);
        }
        MemoryMarshal.AsBytes(_typedKeys.AsSpan()).CopyTo(_batchKeys);
        MemoryMarshal.AsBytes(_typedValues.AsSpan()).CopyTo(_batchValues);
        _emitter = _object.Program("emit_events");
    }

    public BpfMap Hash { get; }
    public BpfMap Array { get; }
    public MapView<uint, ulong> HashView { get; }
    public MapView<uint, ulong> ArrayView { get; }

    private uint NextKey() => _i++ & (Entries - 1);

    // Single elements, raw byte spans.
    public bool LookupRaw(BpfMap map)
    {
        MemoryMarshal.Write(_keyBytes, NextKey());
        return map.TryLookup(_keyBytes, _valueBytes);
    }

    public void UpdateRaw(BpfMap map)
    {
        uint key = NextKey();
        MemoryMarshal.Write(_keyBytes, key);
        MemoryMarshal.Write(_valueBytes, (ulong)_i);
        map.Update(_keyBytes, _valueBytes);
    }

    // Single elements, typed (BpfMap's generic overloads).
    public bool LookupTyped(BpfMap map) => map.TryLookup(NextKey(), out ulong _);

    public void UpdateTyped(BpfMap map) => map.Update(NextKey(), (ulong)_i);

    // Single elements, MapView<uint, ulong>.
    public bool LookupView(MapView<uint, ulong> view) => view.TryGetValue(NextKey(), out _);

    public void UpdateView(MapView<uint, ulong> view) => view[NextKey()] = _i;

    // Batches: the whole map per operation.
    public void UpdateBatchRaw(BpfMap map) => map.UpdateBatch(_batchKeys, _batchValues);

    public void UpdateBatchTyped(BpfMap map) => map.UpdateBatch<uint, ulong>(_typedKeys, _typedValues);

    public void UpdateBatchView(MapView<uint, ulong> view) => view.UpdateBatch(_entries);

    /// <summary>Reads the whole map, resuming from the kernel's position until the end.</summary>
    public int LookupBatchRaw(BpfMap map)
    {
        _cursor.Reset();
        int total = 0;
        while (!_cursor.IsFinished && total < Entries)
            total += map.LookupBatch(_cursor, _batchKeys.AsSpan(total * sizeof(uint)), _batchValues.AsSpan(total * sizeof(ulong)));
        return total;
    }

    public int LookupBatchTyped(BpfMap map)
    {
        _cursor.Reset();
        int total = 0;
        while (!_cursor.IsFinished && total < Entries)
            total += map.LookupBatch<uint, ulong>(_cursor, _typedKeys.AsSpan(total), _typedValues.AsSpan(total));
        return total;
    }

    public int GetAllView(MapView<uint, ulong> view) => view.GetAll().Count;

    /// <summary>One test run of emit_events (RingRecords records), then RingRecords records taken from ReadAllAsync.</summary>
    public async ValueTask<int> RingBufferRound()
    {
        if (_events is null)
        {
            _reader = new RingBufferReader<Event>(_object.Map("events"));
            _events = _reader.ReadAllAsync().GetAsyncEnumerator();
        }
        _emitter.TestRun(_emitRun);
        ulong sum = 0;
        for (int i = 0; i < RingRecords; i++)
        {
            if (!await _events.MoveNextAsync().ConfigureAwait(false))
                throw new InvalidOperationException("The ring buffer stream ended.");
            sum += _events.Current.Sequence;
        }
        return (int)sum;
    }

    /// <summary>Open and load the object (and close it): ObjectSpec.ReadFile + Load + Dispose.</summary>
    public static void LoadObject()
    {
        using var loaded = BpfObject.Load(Native.ObjectPath);
    }

    public void Dispose()
    {
        if (_events is not null)
        {
            _reader!.Dispose();
            _events.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _object.Dispose();
    }
}
