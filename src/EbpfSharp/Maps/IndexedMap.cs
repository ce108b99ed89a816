using EbpfSharp.Maps.Managed;

namespace EbpfSharp;

/// <summary>
/// What array maps and per-CPU array maps share: <see cref="ProgramMap.MaxEntries"/> values indexed from 0, all
/// present and zero from the start; lookups past the end return null; elements cannot be deleted.
/// </summary>
public abstract unsafe class IndexedMap<TValue> : ProgramMap
    where TValue : unmanaged
{
    private readonly ArrayStore _store;

    private protected IndexedMap(MapKind kind, int maxEntries, MapFlags flags, bool pinned)
        : base(kind, sizeof(uint), sizeof(TValue), maxEntries, flags, pinned)
    {
        _store = new ArrayStore(sizeof(TValue), maxEntries, perCpu: kind == MapKind.PerCpuArray);
    }

    /// <summary>
    /// A pointer to the value at <paramref name="index"/>, or null past the end (<c>bpf_map_lookup_elem</c>). Writes
    /// through it change the map. Per-CPU arrays return this CPU's value.
    /// </summary>
    public TValue* Lookup(uint index) => (TValue*)LookupElement(&index);

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/> (<c>bpf_map_update_elem</c>).</summary>
    /// <returns>True, or false past the end or with <see cref="MapUpdateFlags.NoExist"/> (array elements always exist).</returns>
    public bool Update(uint index, TValue value, MapUpdateFlags flags = MapUpdateFlags.Any) => UpdateElement(&index, &value, (ulong)flags) == 0;

    [BpfHelper(1)]
    internal void* LookupElement(void* key) => _store.Lookup(key);

    [BpfHelper(2)]
    internal long UpdateElement(void* key, void* value, ulong flags) => _store.Update(key, value, flags);

    /// <inheritdoc/>
    public override IReadOnlyList<(byte[] Key, byte[] Value)> ContentBytes() => _store.Contents();

    /// <inheritdoc/>
    public override void Clear() => _store.Clear();
}
