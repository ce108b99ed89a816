using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// The values of a <see cref="EbpfSharp.Object.BpfMapFlags.Mmapable"/> array map, mapped into this process
/// (from <see cref="BpfMap.Map"/>). Reads and writes go straight to the kernel's memory, with no bpf() call:
/// this is how global variables (<c>.bss</c>, <c>.data</c>, <c>.rodata</c>) are read and set after loading.
/// Element <c>i</c> starts at <c>i * ElementStride</c>.
/// </summary>
/// <remarks>
/// Dispose unmaps the memory; a span obtained earlier must not be used afterwards. There is deliberately no
/// finalizer: a span can outlive every reference to this object, and unmapping under it would crash the
/// process. An undisposed mapping lives until the process exits (it also keeps the map alive).
/// </remarks>
public sealed unsafe class MappedMemory : IDisposable
{
    private nint _address;

    internal MappedMemory(nint address, int length, int elementStride, bool isReadOnly, string mapLabel)
    {
        _address = address;
        Length = length;
        ElementStride = elementStride;
        IsReadOnly = isReadOnly;
        MapLabel = mapLabel;
    }

    /// <summary>The mapped bytes: the map's values rounded up to whole pages.</summary>
    public int Length { get; }

    /// <summary>The distance between two elements: the value size rounded up to 8 (kernel: kernel/bpf/arraymap.c, elem_size).</summary>
    public int ElementStride { get; }

    /// <summary>
    /// Whether the mapping is read-only: the kernel refuses writable mappings of frozen maps, of maps created
    /// with <see cref="EbpfSharp.Object.BpfMapFlags.ReadOnlyProgram"/>, and through read-only descriptors.
    /// </summary>
    public bool IsReadOnly { get; }

    private string MapLabel { get; }

    /// <summary>The memory, for reading and writing.</summary>
    /// <exception cref="InvalidOperationException">The mapping is read-only; use <see cref="ReadOnlySpan"/>.</exception>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    public Span<byte> Span
    {
        get
        {
            var address = Address;
            if (IsReadOnly)
                throw new InvalidOperationException(
                    $"The mapping of {MapLabel} is read-only (the map is frozen or read-only for user space), so writes are refused; read through ReadOnlySpan.");
            return new Span<byte>((void*)address, Length);
        }
    }

    /// <summary>The memory, for reading.</summary>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    public ReadOnlySpan<byte> ReadOnlySpan => new((void*)Address, Length);

    private nint Address
    {
        get
        {
            nint address = Volatile.Read(ref _address);
            ObjectDisposedException.ThrowIf(address == 0, this);
            return address;
        }
    }

    /// <summary>Unmaps the memory. Safe to call more than once.</summary>
    public void Dispose()
    {
        nint address = Interlocked.Exchange(ref _address, 0);
        if (address != 0)
            LibC.Munmap(address, (nuint)Length);
    }
}
