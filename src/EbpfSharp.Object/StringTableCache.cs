namespace EbpfSharp.Object;

/// <summary>
/// Decodes the strings of one string table, each offset once: BTF names, .BTF.ext file paths and section names repeat
/// the same offsets many times, and equal offsets then share one string instance.
/// </summary>
internal sealed class StringTableCache(byte[] table)
{
    private readonly Dictionary<uint, string> _strings = new() { [0] = string.Empty };

    /// <summary>The string at <paramref name="offset"/>, or null where <see cref="StringTable.Read"/> would throw.</summary>
    public string? TryGet(uint offset)
    {
        if (_strings.TryGetValue(offset, out var value))
            return value;
        value = StringTable.TryRead(table, offset);
        if (value is not null)
            _strings.Add(offset, value);
        return value;
    }

    /// <summary>The string at <paramref name="offset"/>, as <see cref="StringTable.Read"/> reads it.</summary>
    /// <exception cref="ObjectFormatException">The offset is outside the table or the string has no terminator.</exception>
    public string Get(uint offset, string what) => TryGet(offset) ?? StringTable.Read(table, offset, what);
}
