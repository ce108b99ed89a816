namespace EbpfSharp.Object.Elf;

/// <summary>
/// One section header and its bytes. Link and Info are stored as written in the file (section indices
/// or counts, depending on the type); for SHT_NOBITS, <see cref="Data"/> is empty and <see cref="Size"/>
/// gives the size in memory.
/// </summary>
public sealed class ElfSection : IEquatable<ElfSection>
{
    private byte[] _data = [];
    private ulong _noBitsSize;

    /// <summary>Creates a section with the given name and type.</summary>
    public ElfSection(string name, ElfSectionType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The name (stored in the section-name string table).</summary>
    public string Name { get; set; }

    /// <summary>sh_type</summary>
    public ElfSectionType Type { get; set; }

    /// <summary>sh_flags</summary>
    public ElfSectionFlags Flags { get; set; }

    /// <summary>sh_addr</summary>
    public ulong Address { get; set; }

    /// <summary>sh_link: a section index whose meaning depends on the type.</summary>
    public uint Link { get; set; }

    /// <summary>sh_info: a section index or count whose meaning depends on the type.</summary>
    public uint Info { get; set; }

    /// <summary>sh_addralign: 0 or a power of two.</summary>
    public ulong Alignment { get; set; } = 1;

    /// <summary>sh_entsize: the size of one entry for table sections, else 0.</summary>
    public ulong EntrySize { get; set; }

    /// <summary>The bytes of the section in the file (empty for SHT_NOBITS).</summary>
    public byte[] Data
    {
        get => _data;
        set => _data = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>sh_size: the data length, or for SHT_NOBITS the size of the zero-filled memory.</summary>
    public ulong Size
    {
        get => Type == ElfSectionType.NoBits ? _noBitsSize : (ulong)_data.Length;
        set
        {
            if (Type != ElfSectionType.NoBits)
                throw new InvalidOperationException($"Only SHT_NOBITS sections have a size apart from their data; set Data of '{Name}' instead.");
            _noBitsSize = value;
        }
    }

    /// <summary>Where the reader found the data in the file (informational; the writer lays sections out anew).</summary>
    public ulong FileOffset { get; internal set; }

    /// <summary>Whether this is code (SHF_EXECINSTR with bytes), as libbpf decides.</summary>
    public bool IsCode => Type == ElfSectionType.ProgBits && Flags.HasFlag(ElfSectionFlags.ExecInstr);

    /// <inheritdoc />
    public bool Equals(ElfSection? other) =>
        other is not null
        && Name == other.Name && Type == other.Type && Flags == other.Flags && Address == other.Address
        && Link == other.Link && Info == other.Info && Alignment == other.Alignment && EntrySize == other.EntrySize
        && Size == other.Size && _data.AsSpan().SequenceEqual(other._data);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ElfSection);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Type, Flags, Size);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type}, {Size} bytes)";
}
