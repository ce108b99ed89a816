using System.Runtime.InteropServices;
using System.Text;

namespace EbpfSharp.Object;

/// <summary>
/// Builds a string table as ELF (SHT_STRTAB) and BTF use it: offset 0 is the empty string, every string is NUL-terminated,
/// and equal strings are stored once.
/// </summary>
public sealed class StringTable
{
    private byte[] _bytes;
    private int _length;
    private readonly Dictionary<string, uint> _offsets;

    /// <summary>Creates a table holding only the empty string.</summary>
    public StringTable()
        : this(expectedStrings: 0)
    {
    }

    /// <summary>Creates a table holding only the empty string, sized for about <paramref name="expectedStrings"/> strings.</summary>
    internal StringTable(int expectedStrings)
    {
        _bytes = new byte[Math.Max(64, expectedStrings * 16)];
        _length = 1;
        _offsets = new Dictionary<string, uint>(expectedStrings + 1, StringComparer.Ordinal) { [string.Empty] = 0 };
    }

    /// <summary>The offset of <paramref name="value"/>, adding it if it is new.</summary>
    public uint Add(string value)
    {
        // One hash for both the lookup and the insertion; a string that cannot be added is taken out again.
        ref uint offset = ref CollectionsMarshal.GetValueRefOrAddDefault(_offsets, value, out bool exists);
        if (exists)
            return offset;
        try
        {
            offset = Append(value);
        }
        catch
        {
            _offsets.Remove(value);
            throw;
        }
        return offset;
    }

    /// <summary>The offset of <paramref name="value"/> if the table holds it.</summary>
    public bool TryGetOffset(string value, out uint offset) => _offsets.TryGetValue(value, out offset);

    /// <summary>The table's bytes.</summary>
    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    /// <summary>The size of the table in bytes.</summary>
    internal int Length => _length;

    /// <summary>Copies the table's bytes to <paramref name="destination"/>.</summary>
    internal void CopyTo(Span<byte> destination) => _bytes.AsSpan(0, _length).CopyTo(destination);

    /// <summary>Writes <paramref name="value"/> and its terminator at the end of the table; returns where it starts.</summary>
    private uint Append(string value)
    {
        if (value.Contains('\0'))
            throw new ArgumentException($"A table string cannot contain NUL: '{value}'.", nameof(value));
        uint offset = checked((uint)_length);
        EnsureCapacity(checked(_length + Encoding.UTF8.GetMaxByteCount(value.Length) + 1));
        _length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length));
        _bytes[_length++] = 0;
        return offset;
    }

    private void EnsureCapacity(int size)
    {
        if (size > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(size, _bytes.Length * 2));
    }

    /// <summary>Reads the NUL-terminated string at <paramref name="offset"/> of a string table's bytes.</summary>
    /// <exception cref="ObjectFormatException">The offset is outside the table or the string has no terminator.</exception>
    public static string Read(ReadOnlySpan<byte> table, uint offset, string what)
    {
        if (TryRead(table, offset) is { } value)
            return value;
        if (offset >= (ulong)table.Length)
            throw new ObjectFormatException($"The name of {what} is at offset {offset}, past the end of its {table.Length}-byte string table.");
        throw new ObjectFormatException($"The name of {what} at string offset {offset} is not NUL-terminated.");
    }

    /// <summary>
    /// The NUL-terminated string at <paramref name="offset"/>, or null where <see cref="Read"/> would throw. Hot loops call
    /// this first and <see cref="Read"/> only to throw, so they build the description of the name only on error.
    /// </summary>
    internal static string? TryRead(ReadOnlySpan<byte> table, uint offset)
    {
        if (offset >= (ulong)table.Length)
            return offset == 0 && table.Length == 0 ? string.Empty : null;
        var rest = table[(int)offset..];
        int end = rest.IndexOf((byte)0);
        if (end < 0)
            return null;
        return end == 0 ? string.Empty : Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>Finds <paramref name="value"/> (possibly as the tail of a longer string) in a string table's bytes.</summary>
    /// <returns>The offset, or -1 when the table does not contain the string.</returns>
    public static long Find(ReadOnlySpan<byte> table, string value)
    {
        if (value.Length == 0)
            return table.Length > 0 && table[0] == 0 ? 0 : table.IndexOf((byte)0);
        var needle = Encoding.UTF8.GetBytes(value + "\0");
        return table.IndexOf(needle);
    }
}
