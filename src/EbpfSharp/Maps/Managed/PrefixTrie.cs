using System.Runtime.CompilerServices;

namespace EbpfSharp.Maps.Managed;

/// <summary>
/// The longest-prefix-match trie (kernel: kernel/bpf/lpm_trie.c). A key is a host-order u32 prefix length and
/// then data bytes, compared from the most significant bit of the first byte. Elements are indexed by prefix
/// length and by their data with the bits past the prefix cleared; each keeps its key's data bytes as given, as
/// the kernel's nodes do, which is what the host reads back.
/// </summary>
internal sealed unsafe class PrefixTrie : KeyedStore
{
    private sealed class Element(byte[] key, byte* value)
    {
        public byte[] Key { get; set; } = key;

        public byte* Value { get; set; } = value;
    }

    private readonly Lock _gate = new();
    private readonly int _keySize;
    private readonly int _dataSize;
    private readonly int _valueSize;
    private readonly int _maxEntries;
    private readonly int _maxPrefixLength;
    private readonly Dictionary<byte[], Element>?[] _byPrefixLength;
    private readonly ValueBlocks _blocks;
    private int _count;

    public PrefixTrie(int keySize, int valueSize, int maxEntries)
    {
        _keySize = keySize;
        _dataSize = Math.Max(keySize - sizeof(uint), 0);
        _valueSize = valueSize;
        _maxEntries = maxEntries;
        _maxPrefixLength = _dataSize * 8;
        _byPrefixLength = new Dictionary<byte[], Element>?[_maxPrefixLength + 1];
        _blocks = new ValueBlocks(valueSize);
    }

    // Of the stored prefixes no longer than the key's own prefix length, the longest that matches its data.
    public override void* Lookup(void* key)
    {
        uint prefixLength = PrefixLength(key);
        if (prefixLength > _maxPrefixLength)
            return null;
        Span<byte> masked = stackalloc byte[_dataSize];
        lock (_gate)
        {
            for (int length = (int)prefixLength; length >= 0; length--)
            {
                if (_byPrefixLength[length] is not { Count: > 0 } elements)
                    continue;
                Mask(Data(key), length, masked);
                if (elements.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(masked, out var element))
                    return element.Value;
            }
            return null;
        }
    }

    public override long Update(void* key, void* value, ulong flags)
    {
        uint prefixLength = PrefixLength(key);
        if (!UpdateRules.IsKnown(flags) || prefixLength > _maxPrefixLength)
            return Errno.InvalidArgument;
        Span<byte> masked = stackalloc byte[_dataSize];
        Mask(Data(key), (int)prefixLength, masked);
        var source = new ReadOnlySpan<byte>(value, _valueSize);
        lock (_gate)
        {
            var elements = _byPrefixLength[prefixLength] ??= new Dictionary<byte[], Element>(ByteKeyComparer.Instance);
            bool exists = elements.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(masked, out var element);
            long conflict = UpdateRules.Check(exists, flags);
            if (conflict != 0)
                return conflict;
            // The kernel replaces the node: the old value stays behind a pointer a lookup returned, and the
            // element takes the new key's data bytes.
            byte* block = _blocks.Rent();
            source.CopyTo(new Span<byte>(block, _valueSize));
            if (element is not null)
            {
                _blocks.Return(element.Value);
                element.Value = block;
                element.Key = new ReadOnlySpan<byte>(key, _keySize).ToArray();
                return 0;
            }
            // kernel: trie_check_add_elem; a full trie still accepts replacements
            if (_count == _maxEntries)
            {
                _blocks.Return(block);
                return Errno.NoSpace;
            }
            elements.Add(masked.ToArray(), new Element(new ReadOnlySpan<byte>(key, _keySize).ToArray(), block));
            _count++;
            return 0;
        }
    }

    // Removes the element with exactly the key's prefix length whose first prefix-length bits match.
    public override long Delete(void* key)
    {
        uint prefixLength = PrefixLength(key);
        if (prefixLength > _maxPrefixLength)
            return Errno.InvalidArgument;
        Span<byte> masked = stackalloc byte[_dataSize];
        Mask(Data(key), (int)prefixLength, masked);
        lock (_gate)
        {
            if (_byPrefixLength[prefixLength] is not { } elements
                || !elements.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(masked, out _, out var element))
                return Errno.NoEntry;
            _blocks.Return(element.Value);
            _count--;
            return 0;
        }
    }

    public override IReadOnlyList<(byte[] Key, byte[] Value)> Contents()
    {
        lock (_gate)
        {
            var entries = new List<(byte[] Key, byte[] Value)>(_count);
            foreach (var elements in _byPrefixLength)
            {
                foreach (var element in elements?.Values ?? Enumerable.Empty<Element>())
                    entries.Add((element.Key.ToArray(), new ReadOnlySpan<byte>(element.Value, _valueSize).ToArray()));
            }
            return Sorted(entries);
        }
    }

    public override void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_byPrefixLength);
            _count = 0;
            _blocks.FreeAll();
        }
    }

    // struct bpf_lpm_trie_key_u8: the prefix length in host byte order, then the data.
    private static uint PrefixLength(void* key) => Unsafe.ReadUnaligned<uint>(key);

    private ReadOnlySpan<byte> Data(void* key) => new((byte*)key + sizeof(uint), _dataSize);

    // The first prefixLength bits of data, most significant bit first, and zeros after them.
    private static void Mask(ReadOnlySpan<byte> data, int prefixLength, Span<byte> masked)
    {
        masked.Clear();
        int wholeBytes = prefixLength / 8;
        data[..wholeBytes].CopyTo(masked);
        int bits = prefixLength % 8;
        if (bits != 0)
            masked[wholeBytes] = (byte)(data[wholeBytes] & (0xFF << (8 - bits)));
    }
}
