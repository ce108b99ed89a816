namespace EbpfSharp.Maps.Managed;

/// <summary>
/// Compares keys as the kernel does, byte for byte, padding included; a <see cref="ReadOnlySpan{T}"/> over a
/// program's key looks up a <see cref="Dictionary{TKey, TValue}"/> without copying it.
/// </summary>
internal sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] key) => GetHashCode((ReadOnlySpan<byte>)key);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    /// <summary>Lexicographic byte order, the order <see cref="ProgramMap.ContentBytes"/> lists keys in.</summary>
    public static int Order(byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y);
}
