using System.Buffers.Binary;

namespace EbpfSharp.TestSupport;

/// <summary>
/// Deterministic damage to object files for robustness tests: truncation, random byte flips, and writes of
/// boundary values into 16/32/64-bit fields, aimed at the header, the section headers and each section.
/// </summary>
public sealed class ObjectMutator(int seed)
{
    private static readonly ulong[] Boundaries = [0, 1, 2, 7, 8, 0x7f, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, ulong.MaxValue, 0x7fffffffffffffff];

    private readonly Random _random = new(seed);

    /// <summary>One mutation of <paramref name="original"/>.</summary>
    public byte[] Mutate(byte[] original)
    {
        var bytes = (byte[])original.Clone();
        switch (_random.Next(6))
        {
            case 0:
                return bytes[.._random.Next(0, bytes.Length)];
            case 1:
                for (int i = _random.Next(1, 9); i > 0; i--)
                    bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                return bytes;
            case 2:
                WriteBoundary(bytes, _random.Next(0, Math.Min(64, bytes.Length)));
                return bytes;
            case 3:
                WriteBoundary(bytes, SectionHeaderField(bytes));
                return bytes;
            case 4:
                for (int i = _random.Next(1, 4); i > 0; i--)
                    WriteBoundary(bytes, _random.Next(bytes.Length));
                return bytes;
            default:
                bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
                return bytes;
        }
    }

    private int SectionHeaderField(byte[] bytes)
    {
        if (bytes.Length < 64)
            return 0;
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(40));
        if (offset >= (ulong)bytes.Length)
            return _random.Next(bytes.Length);
        return (int)offset + _random.Next(0, bytes.Length - (int)offset);
    }

    private void WriteBoundary(byte[] bytes, int position)
    {
        ulong value = Boundaries[_random.Next(Boundaries.Length)];
        int width = new[] { 2, 4, 8 }[_random.Next(3)];
        position = Math.Clamp(position, 0, Math.Max(0, bytes.Length - width));
        if (bytes.Length < width)
            return;
        var span = bytes.AsSpan(position, width);
        switch (width)
        {
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
        }
    }
}
