namespace EbpfSharp.Generators.Model;

/// <summary>The host-side type a map field gets in the generated <c>Loaded</c> class.</summary>
internal enum MapViewKind
{
    /// <summary><c>MapView&lt;K, V&gt;</c>: hash maps, LRU hash maps, LPM tries and (keyed by <c>uint</c>) arrays.</summary>
    Map,

    /// <summary><c>PerCpuMapView&lt;K, V&gt;</c>: the per-CPU hash maps and (keyed by <c>uint</c>) arrays.</summary>
    PerCpuMap,

    /// <summary><c>QueueView&lt;T&gt;</c>: queues and stacks.</summary>
    Queue,

    /// <summary><c>BloomFilterView&lt;T&gt;</c>.</summary>
    BloomFilter,

    /// <summary><c>ProgramArrayView</c>.</summary>
    ProgramArray,

    /// <summary><c>StackTraceView</c>.</summary>
    StackTrace,

    /// <summary><c>RingBufferReader&lt;T&gt;</c>, created on first use.</summary>
    RingBufferReader,

    /// <summary><c>PerfEventReader&lt;T&gt;</c>, created on first use.</summary>
    PerfEventReader,
}
