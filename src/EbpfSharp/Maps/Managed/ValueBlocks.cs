using System.Runtime.InteropServices;

namespace EbpfSharp.Maps.Managed;

/// <summary>
/// Native memory for the values of one keyed map, in blocks of one size. A pointer a lookup returned stays
/// valid after its element is replaced or deleted: the block goes to the back of a free list and is reused
/// only when later updates have taken every block ahead of it, as the kernel reuses the elements of a
/// preallocated map. Blocks are freed only by <see cref="FreeAll"/>. Callers hold the map's lock.
/// </summary>
internal sealed unsafe class ValueBlocks(int blockSize)
{
    private readonly nuint _blockSize = (nuint)Math.Max(blockSize, 1);
    private readonly Queue<nint> _free = new();
    private readonly List<nint> _all = [];

    /// <summary>A zeroed block.</summary>
    public byte* Rent()
    {
        if (_free.TryDequeue(out nint reused))
        {
            NativeMemory.Clear((void*)reused, _blockSize);
            return (byte*)reused;
        }
        var block = (byte*)NativeMemory.AllocZeroed(_blockSize);
        _all.Add((nint)block);
        return block;
    }

    /// <summary>Gives a block back; it stays readable and writable until reused.</summary>
    public void Return(byte* block) => _free.Enqueue((nint)block);

    /// <summary>Frees every block: pointers into the map are invalid afterwards.</summary>
    public void FreeAll()
    {
        foreach (nint block in _all)
            NativeMemory.Free((void*)block);
        _all.Clear();
        _free.Clear();
    }
}
