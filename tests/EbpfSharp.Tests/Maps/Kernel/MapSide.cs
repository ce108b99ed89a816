namespace EbpfSharp.Tests.Maps.Kernel;

/// <summary>
/// One side of a comparison: a map and the operations a program does on it, on bytes, each answering 0 or a
/// negative errno. A lookup that finds nothing answers −ENOENT (a program sees null).
/// </summary>
internal abstract class MapSide : IDisposable
{
    public virtual long Lookup(byte[] key, out byte[] value) => throw new NotSupportedException();

    public virtual long Update(byte[] key, byte[] value, ulong flags) => throw new NotSupportedException();

    public virtual long Delete(byte[] key) => throw new NotSupportedException();

    public virtual long Push(byte[] value, ulong flags) => throw new NotSupportedException();

    public virtual long Pop(out byte[] value) => throw new NotSupportedException();

    public virtual long Peek(out byte[] value) => throw new NotSupportedException();

    /// <summary>A bloom filter's peek: 0 when the value may be present.</summary>
    public virtual long Contains(byte[] value) => throw new NotSupportedException();

    public virtual void Dispose()
    {
    }
}
