using System.Runtime.CompilerServices;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

// Checks shared by the map operations: buffer sizes against the map's shape (the kernel copies KeySize and
// ValueBufferSize bytes through the pointers it is given, so a short buffer would be overrun), typed sizes,
// map kinds, and a descriptor lease that reports a disposed map as such.
public sealed partial class BpfMap
{
    /// <summary>"Hash map 'counters'", for messages.</summary>
    internal string Label => $"{Type} map '{Name}'";

    /// <summary>Keeps the descriptor open across one kernel call.</summary>
    /// <exception cref="ObjectDisposedException">The map has been disposed.</exception>
    private BpfFileDescriptor.Lease Lease()
    {
        if (Handle.IsClosed)
            throw new ObjectDisposedException(GetType().FullName, $"{Label} has been disposed.");
        return Handle.Borrow();
    }

    /// <summary>Keeps the descriptor open across one element call by this thread, without atomics (see <see cref="BpfFileDescriptor.BorrowForCall"/>).</summary>
    /// <exception cref="ObjectDisposedException">The map has been disposed.</exception>
    private BpfFileDescriptor.CallLease CallLease()
    {
        if (Handle.IsClosed)
            throw new ObjectDisposedException(GetType().FullName, $"{Label} has been disposed.");
        return Handle.BorrowForCall();
    }

    private void CheckKey(int length, string parameter)
    {
        if (length != KeySize)
            throw new ArgumentException(
                KeySize == 0
                    ? $"{Label} has no keys; pass an empty key."
                    : $"{Label} has {KeySize}-byte keys, but the {parameter} buffer holds {length} bytes.",
                parameter);
    }

    private void CheckValue(int length, string parameter)
    {
        if (length != ValueBufferSize)
            throw new ArgumentException(
                IsPerCpu
                    ? $"{Label} is per-CPU: a value buffer holds {PossibleCpuCount} CPUs x {PerCpuSlotSize} bytes = {ValueBufferSize} bytes (ValueBufferSize), but the {parameter} buffer holds {length} bytes."
                    : $"{Label} has {ValueSize}-byte values, but the {parameter} buffer holds {length} bytes.",
                parameter);
    }

    private void CheckKeyType<TKey>() where TKey : unmanaged
    {
        if (Unsafe.SizeOf<TKey>() != KeySize)
            throw new ArgumentException(
                $"The key type {typeof(TKey).Name} is {Unsafe.SizeOf<TKey>()} bytes (sizeof), but {Label} has {KeySize}-byte keys.");
    }

    private void CheckValueType<TValue>() where TValue : unmanaged
    {
        if (IsPerCpu)
            throw new ArgumentException(
                $"{Label} is per-CPU, so it holds one {ValueSize}-byte value per CPU; use LookupPerCpu and UpdatePerCpu, or the byte-span methods with ValueBufferSize ({ValueBufferSize}) bytes.");
        if (Unsafe.SizeOf<TValue>() != ValueSize)
            throw new ArgumentException(
                $"The value type {typeof(TValue).Name} is {Unsafe.SizeOf<TValue>()} bytes (sizeof), but {Label} has {ValueSize}-byte values.");
    }

    private void CheckHasKeys(string operation)
    {
        if (KeySize == 0)
            throw new InvalidOperationException($"{Label} has no keys, so {operation} does not apply; use Push, TryPop, TryPeek or Contains.");
    }

    private void CheckType(string operation, params ReadOnlySpan<BpfMapType> types)
    {
        if (!types.Contains(Type))
            throw new InvalidOperationException($"{operation} works on {string.Join(", ", types.ToArray())} maps, but {Label} is a {Type} map.");
    }
}
