using System.Runtime.InteropServices;
using System.Text;

namespace EbpfSharp.Benchmarks.UserSpace;

/// <summary>
/// The libbpf side in this process: c/libbpf_rounds.c built as a shared library, each export running one benchmark's
/// operation a given number of times on descriptors passed in, so a round is one native call.
/// </summary>
public sealed unsafe class LibbpfRounds : IDisposable
{
    private readonly nint _library;
    private readonly delegate* unmanaged<int, long, int> _lookup;
    private readonly delegate* unmanaged<int, long, int> _update;
    private readonly delegate* unmanaged<int, long, int> _updateBatch;
    private readonly delegate* unmanaged<int, long, int> _lookupBatch;
    private readonly delegate* unmanaged<int, nint> _ringOpen;
    private readonly delegate* unmanaged<nint, void> _ringClose;
    private readonly delegate* unmanaged<nint, int, int, long, int> _ring;
    private readonly delegate* unmanaged<byte*, long, int> _objectLoad;
    private readonly byte[] _objectPath = Encoding.UTF8.GetBytes(Native.ObjectPath + "\0");

    public LibbpfRounds(string libraryPath)
    {
        _library = NativeLibrary.Load(libraryPath);
        ((delegate* unmanaged<void>)Export("bench_init"))();
        _lookup = (delegate* unmanaged<int, long, int>)Export("bench_lookup");
        _update = (delegate* unmanaged<int, long, int>)Export("bench_update");
        _updateBatch = (delegate* unmanaged<int, long, int>)Export("bench_update_batch");
        _lookupBatch = (delegate* unmanaged<int, long, int>)Export("bench_lookup_batch");
        _ringOpen = (delegate* unmanaged<int, nint>)Export("bench_ring_open");
        _ringClose = (delegate* unmanaged<nint, void>)Export("bench_ring_close");
        _ring = (delegate* unmanaged<nint, int, int, long, int>)Export("bench_ring");
        _objectLoad = (delegate* unmanaged<byte*, long, int>)Export("bench_object_load");
    }

    public void Lookup(int mapFd, long count) => Check("bpf_map_lookup_elem", _lookup(mapFd, count));

    public void Update(int mapFd, long count) => Check("bpf_map_update_elem", _update(mapFd, count));

    public void UpdateBatch(int mapFd, long count) => Check("bpf_map_update_batch", _updateBatch(mapFd, count));

    public void LookupBatch(int mapFd, long count) => Check("bpf_map_lookup_batch", _lookupBatch(mapFd, count));

    /// <summary>A libbpf ring_buffer on <paramref name="ringFd"/>; close it with <see cref="CloseRing"/>.</summary>
    public nint OpenRing(int ringFd)
    {
        nint ring = _ringOpen(ringFd);
        return ring != 0 ? ring : throw new InvalidOperationException($"ring_buffer__new failed with errno {Marshal.GetLastSystemError()}.");
    }

    public void CloseRing(nint ring) => _ringClose(ring);

    /// <summary><paramref name="count"/> test runs of the emitter, each followed by consuming its records.</summary>
    public void Ring(nint ring, int programFd, int records, long count) => Check("ring buffer round", _ring(ring, programFd, records, count));

    public void ObjectLoad(long count)
    {
        fixed (byte* path = _objectPath)
            Check("bpf_object__open_file + load", _objectLoad(path, count));
    }

    public void Dispose() => NativeLibrary.Free(_library);

    private void* Export(string name) => (void*)NativeLibrary.GetExport(_library, name);

    private static void Check(string operation, int result)
    {
        if (result < 0)
            throw new InvalidOperationException($"libbpf {operation} failed with errno {-result}.");
    }
}
