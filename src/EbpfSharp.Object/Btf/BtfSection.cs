namespace EbpfSharp.Object.Btf;

/// <summary>
/// The types of a <c>.BTF</c> section (or of <c>/sys/kernel/btf/vmlinux</c>). Type id <c>n</c> is
/// <c>Types[n - 1]</c>; id 0 is void. Names are strings here; the writer builds the string table.
/// </summary>
public sealed class BtfSection : IEquatable<BtfSection>
{
    /// <summary>The BTF magic number (kernel: BTF_MAGIC).</summary>
    public const ushort Magic = 0xeb9f;

    private Dictionary<(string, BtfKind), int>? _byName;

    /// <summary>Creates an empty section.</summary>
    public BtfSection()
        : this(expectedTypes: 0)
    {
    }

    /// <summary>Creates an empty section with room for about <paramref name="expectedTypes"/> types.</summary>
    internal BtfSection(int expectedTypes) => Types = new List<BtfType>(expectedTypes);

    /// <summary>The types in id order, starting at id 1.</summary>
    public List<BtfType> Types { get; }

    /// <summary>The string table as read, for resolving <c>.BTF.ext</c> string offsets; null for sections built in memory.</summary>
    public byte[]? ReadStrings { get; internal set; }

    /// <summary>The id the next <see cref="Add"/> returns.</summary>
    public int NextId => Types.Count + 1;

    /// <summary>Appends a type and returns its id.</summary>
    public int Add(BtfType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Types.Add(type);
        _byName = null;
        return Types.Count;
    }

    /// <summary>The type with <paramref name="id"/>, or null for void (id 0).</summary>
    /// <exception cref="ObjectFormatException">No type has that id.</exception>
    public BtfType? this[int id] => id == 0 ? null : Get(id);

    /// <summary>The type with <paramref name="id"/> (not void).</summary>
    /// <exception cref="ObjectFormatException">No type has that id.</exception>
    public BtfType Get(int id) =>
        id >= 1 && id <= Types.Count
            ? Types[id - 1]
            : throw new ObjectFormatException($"BTF type id {id} does not exist; the section has ids 1 to {Types.Count}.");

    /// <summary>The type with <paramref name="id"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="ObjectFormatException">No type has that id, or it is another kind.</exception>
    public T Get<T>(int id, string what) where T : BtfType =>
        Get(id) as T ?? throw new ObjectFormatException($"{what} refers to BTF type {id}, a {Get(id).Kind}, but a {typeof(T).Name[3..]} was expected.");

    /// <summary>The id of the first type of <paramref name="kind"/> named <paramref name="name"/>, or 0.</summary>
    public int FindId(string name, BtfKind kind)
    {
        if (_byName is null)
        {
            var index = new Dictionary<(string, BtfKind), int>(Types.Count);
            for (int i = 0; i < Types.Count; i++)
                if (Types[i].Name.Length > 0)
                    index.TryAdd((Types[i].Name, Types[i].Kind), i + 1);
            _byName = index;
        }
        return _byName.TryGetValue((name, kind), out int id) ? id : 0;
    }

    /// <summary>Follows typedefs, qualifiers and type tags to the underlying type id.</summary>
    /// <exception cref="ObjectFormatException">The chain is broken or circular.</exception>
    public int SkipModifiers(int id)
    {
        for (int depth = 0; depth < MaxChain; depth++)
        {
            switch (this[id])
            {
                case BtfTypedef typedef: id = typedef.TypeId; break;
                case BtfQualifier qualifier: id = qualifier.TypeId; break;
                case BtfTypeTag tag: id = tag.TypeId; break;
                default: return id;
            }
        }
        throw new ObjectFormatException($"BTF type {id} starts a chain of typedefs or qualifiers longer than {MaxChain}.");
    }

    /// <summary>The size in bytes of a value of type <paramref name="id"/> (pointers are 8 bytes).</summary>
    /// <exception cref="ObjectFormatException">The type has no size (void, function) or is malformed.</exception>
    public ulong ResolveSize(int id) => ResolveSize(id, 0);

    /// <summary>Reads a BTF blob: header, type records, string table.</summary>
    /// <exception cref="ObjectFormatException">The blob is malformed; the message says where.</exception>
    public static BtfSection Read(ReadOnlySpan<byte> bytes) => BtfReader.Read(bytes);

    /// <summary>Writes a BTF blob with a fresh string table.</summary>
    public byte[] Write() => BtfWriter.Write(this, ext: null).Btf;

    /// <inheritdoc />
    public bool Equals(BtfSection? other) => other is not null && Types.SequenceEqual(other.Types);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BtfSection);

    /// <inheritdoc />
    public override int GetHashCode() => Types.Count;

    private const int MaxChain = 32;

    private ulong ResolveSize(int id, int depth)
    {
        if (depth > MaxChain)
            throw new ObjectFormatException($"BTF type {id} nests deeper than {MaxChain} levels while computing its size.");
        return this[id] switch
        {
            null => throw new ObjectFormatException("void has no size."),
            BtfInt integer => integer.Size,
            BtfPointer => 8,
            BtfStruct structure => structure.Size,
            BtfEnum enumeration => enumeration.Size,
            BtfFloat floating => floating.Size,
            BtfDataSection section => section.Size,
            BtfArray array => checked(array.Count * ResolveSize(array.ElementTypeId, depth + 1)),
            BtfTypedef typedef => ResolveSize(typedef.TypeId, depth + 1),
            BtfQualifier qualifier => ResolveSize(qualifier.TypeId, depth + 1),
            BtfTypeTag tag => ResolveSize(tag.TypeId, depth + 1),
            BtfVariable variable => ResolveSize(variable.TypeId, depth + 1),
            var other => throw new ObjectFormatException($"BTF type {id} is a {other.Kind}, which has no size."),
        };
    }
}
