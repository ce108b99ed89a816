namespace EbpfSharp.Maps.Managed;

/// <summary>
/// The hash maps: plain, per-CPU, LRU and LRU per-CPU (kernel: kernel/bpf/hashtab.c). Per-CPU elements hold one
/// value slot per possible CPU, each rounded up to 8 bytes, so an element's block is laid out as the host reads
/// it. LRU maps evict the least recently used element exactly; the kernel's LRU is approximate (it evicts in
/// batches from per-CPU lists, may evict before the map is full, and even while replacing a key).
/// </summary>
internal sealed unsafe class HashTable : KeyedStore
{
    private sealed class Element(byte[] key, byte* value)
    {
        public byte[] Key { get; } = key;

        public byte* Value { get; set; } = value;

        public LinkedListNode<Element>? Recency { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly int _keySize;
    private readonly int _valueSize;
    private readonly int _maxEntries;
    private readonly bool _perCpu;
    private readonly bool _leastRecentlyUsed;
    private readonly int _slotSize;
    private readonly int _blockSize;
    private readonly Dictionary<byte[], Element> _elements = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Element>.AlternateLookup<ReadOnlySpan<byte>> _byKey;
    private readonly LinkedList<Element> _recency = new();   // most recently used first
    private readonly ValueBlocks _blocks;

    public HashTable(MapKind kind, int keySize, int valueSize, int maxEntries)
    {
        _keySize = keySize;
        _valueSize = valueSize;
        _maxEntries = maxEntries;
        _perCpu = kind is MapKind.PerCpuHash or MapKind.LruPerCpuHash;
        _leastRecentlyUsed = kind is MapKind.LruHash or MapKind.LruPerCpuHash;
        _slotSize = _perCpu ? PossibleCpus.SlotSize(valueSize) : valueSize;
        _blockSize = _perCpu ? _slotSize * PossibleCpus.Count : valueSize;
        _blocks = new ValueBlocks(_blockSize);
        _byKey = _elements.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public override void* Lookup(void* key)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(KeyBytes(key), out var element))
                return null;
            Touch(element);
            return ThisCpuValue(element);
        }
    }

    public override long Update(void* key, void* value, ulong flags)
    {
        if (!UpdateRules.IsKnown(flags))
            return Errno.InvalidArgument;
        var source = new ReadOnlySpan<byte>(value, _valueSize);
        lock (_gate)
        {
            bool exists = _byKey.TryGetValue(KeyBytes(key), out var element);
            long conflict = UpdateRules.Check(exists, flags);
            if (conflict != 0)
                return conflict;
            if (element is not null)
            {
                Replace(element, source);
                Touch(element);
                return 0;
            }
            if (_elements.Count >= _maxEntries)
            {
                if (!_leastRecentlyUsed)
                    return Errno.TooBig;
                Remove(_recency.Last!.Value);
            }
            element = new Element(KeyBytes(key).ToArray(), _blocks.Rent());
            // A new per-CPU element: this CPU's slot gets the value, the others stay zero (kernel: pcpu_init_value).
            source.CopyTo(new Span<byte>(ThisCpuValue(element), _valueSize));
            _elements.Add(element.Key, element);
            if (_leastRecentlyUsed)
                element.Recency = _recency.AddFirst(element);
            return 0;
        }
    }

    public override long Delete(void* key)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(KeyBytes(key), out var element))
                return Errno.NoEntry;
            Remove(element);
            return 0;
        }
    }

    public override IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        lock (_gate)
        {
            var entries = new List<(byte[] Key, byte[] Value)>(_elements.Count);
            foreach (var element in _elements.Values)
                entries.Add((element.Key.ToArray(), new ReadOnlySpan<byte>(element.Value, _blockSize).ToArray()));
            return Sorted(entries);
        }
    }

    public override void Clear()
    {
        lock (_gate)
        {
            _elements.Clear();
            _recency.Clear();
            _blocks.FreeAll();
        }
    }

    private ReadOnlySpan<byte> KeyBytes(void* key) => new(key, _keySize);

    private byte* ThisCpuValue(Element element) =>
        _perCpu ? element.Value + PossibleCpus.Current * _slotSize : element.Value;

    // A per-CPU update writes this CPU's slot in place. Any other update fills a new element and retires the old
    // one, so a pointer an earlier lookup returned keeps the old value (kernel: htab_map_update_elem,
    // htab_lru_map_update_elem, __htab_percpu_map_update_elem).
    private void Replace(Element element, ReadOnlySpan<byte> value)
    {
        if (_perCpu)
        {
            value.CopyTo(new Span<byte>(ThisCpuValue(element), _valueSize));
            return;
        }
        byte* block = _blocks.Rent();
        value.CopyTo(new Span<byte>(block, _valueSize));
        _blocks.Return(element.Value);
        element.Value = block;
    }

    private void Touch(Element element)
    {
        if (element.Recency is { } node && node != _recency.First)
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
        }
    }

    private void Remove(Element element)
    {
        _elements.Remove(element.Key);
        if (element.Recency is { } node)
            _recency.Remove(node);
        _blocks.Return(element.Value);
    }
}
