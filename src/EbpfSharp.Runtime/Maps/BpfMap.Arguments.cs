using System.Diagnostics.CodeAnalysis;
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

    // The checks run on every element call, so each is a compare that inlines; the messages are built out of line.
    private void CheckKey(int length, string parameter)
    {
        if (length != KeySize)
            ThrowKeySize(length, parameter);
    }

    private void CheckValue(int length, string parameter)
    {
        if (length != ValueBufferSize)
            ThrowValueSize(length, parameter);
    }

    private void CheckKeyType<TKey>() where TKey : unmanaged
    {
        if (Unsafe.SizeOf<TKey>() != KeySize)
            ThrowKeyTypeSize(typeof(TKey), Unsafe.SizeOf<TKey>());
    }

    private void CheckValueType<TValue>() where TValue : unmanaged
    {
        if (Unsafe.SizeOf<TValue>() != ValueSize || IsPerCpu)
            ThrowValueTypeSize(typeof(TValue), Unsafe.SizeOf<TValue>());
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowKeySize(int length, string parameter) =>
        throw new ArgumentException(
            KeySize == 0
                ? $"{Label} has no keys; pass an empty key."
                : $"{Label} has {KeySize}-byte keys, but the {parameter} buffer holds {length} bytes.",
            parameter);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowValueSize(int length, string parameter) =>
        throw new ArgumentException(
            IsPerCpu
                ? $"{Label} is per-CPU: a value buffer holds {PossibleCpuCount} CPUs x {PerCpuSlotSize} bytes = {ValueBufferSize} bytes (ValueBufferSize), but the {parameter} buffer holds {length} bytes."
                : $"{Label} has {ValueSize}-byte values, but the {parameter} buffer holds {length} bytes.",
            parameter);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowKeyTypeSize(Type key, int size) =>
        throw new ArgumentException($"The key type {key.Name} is {size} bytes (sizeof), but {Label} has {KeySize}-byte keys.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowValueTypeSize(Type value, int size) =>
        throw new ArgumentException(
            IsPerCpu
                ? $"{Label} is per-CPU, so it holds one {ValueSize}-byte value per CPU; use LookupPerCpu and UpdatePerCpu, or the byte-span methods with ValueBufferSize ({ValueBufferSize}) bytes."
                : $"The value type {value.Name} is {size} bytes (sizeof), but {Label} has {ValueSize}-byte values.");

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
