using System.Runtime.InteropServices;

namespace EbpfSharp.Maps.Managed;

/// <summary>Reads a record's bytes as the reader's type.</summary>
internal static class RecordBytes
{
    /// <summary>The record as a <typeparamref name="T"/>: cut to its size if longer, zero-filled if shorter.</summary>
    public static T As<T>(byte[] content) where T : unmanaged
    {
        T value = default;
        var destination = MemoryMarshal.AsBytes(new Span<T>(ref value));
        content.AsSpan(0, Math.Min(content.Length, destination.Length)).CopyTo(destination);
        return value;
    }
}
