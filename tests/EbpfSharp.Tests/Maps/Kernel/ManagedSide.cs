namespace EbpfSharp.Tests.Maps.Kernel;

/// <summary>A CLR map, through the helper methods a compiled program would call.</summary>
internal sealed unsafe class ManagedSide : MapSide
{
    private delegate void* LookupCall(void* key);
    private delegate long UpdateCall(void* key, void* value, ulong flags);
    private delegate long KeyCall(void* key);
    private delegate long PushCall(void* value, ulong flags);
    private delegate long ValueCall(void* value);

    private readonly int _valueSize;
    private LookupCall? _lookup;
    private UpdateCall? _update;
    private KeyCall? _delete;
    private PushCall? _push;
    private ValueCall? _pop;
    private ValueCall? _peek;

    private ManagedSide(int valueSize) => _valueSize = valueSize;

    public static ManagedSide For<TKey, TValue>(KeyedMap<TKey, TValue> map) where TKey : unmanaged where TValue : unmanaged =>
        new(sizeof(TValue)) { _lookup = map.LookupElement, _update = map.UpdateElement, _delete = map.DeleteElement };

    public static ManagedSide For<TValue>(IndexedMap<TValue> map) where TValue : unmanaged =>
        new(sizeof(TValue)) { _lookup = map.LookupElement, _update = map.UpdateElement };

    public static ManagedSide For<T>(ValueStore<T> map) where T : unmanaged =>
        new(sizeof(T)) { _push = map.PushElement, _pop = map.PopElement, _peek = map.PeekElement };

    public static ManagedSide For<T>(BloomFilter<T> map) where T : unmanaged =>
        new(sizeof(T)) { _push = map.PushElement, _peek = map.PeekElement };

    public override long Lookup(byte[] key, out byte[] value)
    {
        void* found;
        fixed (byte* keyBytes = key)
            found = Required(_lookup)(keyBytes);
        value = found == null ? [] : new ReadOnlySpan<byte>(found, _valueSize).ToArray();
        return found == null ? MapCalls.ENOENT : 0;
    }

    public override long Update(byte[] key, byte[] value, ulong flags)
    {
        fixed (byte* keyBytes = key)
        fixed (byte* valueBytes = value)
            return Required(_update)(keyBytes, valueBytes, flags);
    }

    public override long Delete(byte[] key)
    {
        fixed (byte* keyBytes = key)
            return Required(_delete)(keyBytes);
    }

    public override long Push(byte[] value, ulong flags)
    {
        fixed (byte* valueBytes = value)
            return Required(_push)(valueBytes, flags);
    }

    public override long Pop(out byte[] value) => Take(Required(_pop), out value);

    public override long Peek(out byte[] value) => Take(Required(_peek), out value);

    public override long Contains(byte[] value)
    {
        fixed (byte* valueBytes = value)
            return Required(_peek)(valueBytes);
    }

    private long Take(ValueCall call, out byte[] value)
    {
        value = new byte[_valueSize];
        fixed (byte* valueBytes = value)
            return call(valueBytes);
    }

    private static T Required<T>(T? call) where T : Delegate => call ?? throw new NotSupportedException();
}
