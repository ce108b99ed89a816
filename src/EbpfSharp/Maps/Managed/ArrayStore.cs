using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EbpfSharp.Maps.Managed;

/// <summary>
/// The array maps, plain and per-CPU (kernel: kernel/bpf/arraymap.c): every index present from the start, zeroed,
/// in one native block that lives as long as the map, allocated when first used (a program that only runs in the
/// kernel never needs it). Values sit 8 bytes apart at least, as the kernel's do; a
/// per-CPU index holds one slot per possible CPU, laid out as the host reads them. Updates copy without a lock,
/// as the kernel's do.
/// </summary>
internal sealed unsafe class ArrayStore
{
    private readonly int _valueSize;
    private readonly int _maxEntries;
    private readonly bool _perCpu;
    private readonly int _slotSize;
    private readonly int _elementSize;
    private nint _values;   // 0 until first used

    public ArrayStore(int valueSize, int maxEntries, bool perCpu)
    {
        _valueSize = valueSize;
        _maxEntries = maxEntries;
        _perCpu = perCpu;
        _slotSize = PossibleCpus.SlotSize(valueSize);
        _elementSize = perCpu ? _slotSize * PossibleCpus.Count : _slotSize;
    }

    private nuint TotalSize => (nuint)_maxEntries * (nuint)_elementSize;

    private byte* Values
    {
        get
        {
            nint values = Volatile.Read(ref _values);
            return values != 0 ? (byte*)values : Allocate();
        }
    }

    // Programs on several threads may get here first together: one allocation wins.
    private byte* Allocate()
    {
        nint allocated = (nint)NativeMemory.AllocZeroed(TotalSize);
        nint winner = Interlocked.CompareExchange(ref _values, allocated, 0);
        if (winner == 0)
            return (byte*)allocated;
        NativeMemory.Free((void*)allocated);
        return (byte*)winner;
    }

    public void* Lookup(void* key)
    {
        uint index = Unsafe.ReadUnaligned<uint>(key);
        return index < (uint)_maxEntries ? ThisCpuValue(index) : null;
    }

    // kernel: array_map_update_elem, in this order
    public long Update(void* key, void* value, ulong flags)
    {
        uint index = Unsafe.ReadUnaligned<uint>(key);
        if ((flags & ~(ulong)MapUpdateFlags.Lock) > (ulong)MapUpdateFlags.Exist)
            return Errno.InvalidArgument;
        if (index >= (uint)_maxEntries)
            return Errno.TooBig;
        if ((flags & (ulong)MapUpdateFlags.NoExist) != 0)
            return Errno.Exists;
        if ((flags & (ulong)MapUpdateFlags.Lock) != 0)
            return Errno.InvalidArgument;   // no bpf_spin_lock in the value (see UpdateRules)
        new ReadOnlySpan<byte>(value, _valueSize).CopyTo(new Span<byte>(ThisCpuValue(index), _valueSize));
        return 0;
    }

    public IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        var entries = new (byte[] Key, byte[] Value)[_maxEntries];
        for (int index = 0; index < _maxEntries; index++)
        {
            var key = new byte[sizeof(uint)];
            BinaryPrimitives.WriteUInt32LittleEndian(key, (uint)index);
            int length = _perCpu ? _elementSize : _valueSize;
            entries[index] = (key, new ReadOnlySpan<byte>(Values + (long)index * _elementSize, length).ToArray());
        }
        return entries;
    }

    public void Clear() => NativeMemory.Clear(Values, TotalSize);

    private byte* ThisCpuValue(uint index) =>
        Values + (long)index * _elementSize + (_perCpu ? PossibleCpus.Current * _slotSize : 0);
}
