using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

// Queues, stacks and bloom filters have no keys: the kernel addresses them with a null key pointer
// (kernel: kernel/bpf/queue_stack_maps.c, kernel/bpf/bloom_filter.c).
public sealed partial class BpfMap
{
    /// <summary>Pushes a value onto a queue or stack, or adds it to a bloom filter.</summary>
    /// <param name="value"><see cref="ValueSize"/> bytes.</param>
    /// <param name="flags">
    /// <see cref="MapUpdateFlags.Exist"/> makes a push onto a full queue or stack overwrite the oldest value;
    /// bloom filters accept only <see cref="MapUpdateFlags.Any"/>.
    /// </param>
    /// <exception cref="BpfLimitException">The queue or stack is full (E2BIG).</exception>
    /// <exception cref="InvalidOperationException">The map is not a queue, stack or bloom filter.</exception>
    public unsafe void Push(ReadOnlySpan<byte> value, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        CheckType(nameof(Push), BpfMapType.Queue, BpfMapType.Stack, BpfMapType.BloomFilter);
        CheckValue(value.Length, nameof(value));
        int errno;
        fixed (byte* valuePointer = value)
            errno = CallElement(BpfCommand.MapUpdateElement, null, valuePointer, (ulong)flags);
        if (errno != 0)
            throw MapErrors.Create(this, BpfCommand.MapUpdateElement, errno, $"Pushing a value onto {Label} with {flags}", (ulong)flags);
    }

    /// <summary>Removes the next value of a queue (oldest) or stack (newest) into <paramref name="value"/>.</summary>
    /// <returns>False when the map is empty.</returns>
    public unsafe bool TryPop(Span<byte> value)
    {
        CheckType(nameof(TryPop), BpfMapType.Queue, BpfMapType.Stack);
        CheckValue(value.Length, nameof(value));
        int errno;
        fixed (byte* valuePointer = value)
            errno = CallElement(BpfCommand.MapLookupAndDeleteElement, null, valuePointer, 0);
        return Found(errno, BpfCommand.MapLookupAndDeleteElement, static map => $"Popping a value from {map.Label}");
    }

    /// <summary>Copies the value <see cref="TryPop"/> would remove, leaving it in place.</summary>
    /// <returns>False when the map is empty.</returns>
    public unsafe bool TryPeek(Span<byte> value)
    {
        CheckType(nameof(TryPeek), BpfMapType.Queue, BpfMapType.Stack);
        CheckValue(value.Length, nameof(value));
        int errno;
        fixed (byte* valuePointer = value)
            errno = CallElement(BpfCommand.MapLookupElement, null, valuePointer, 0);
        return Found(errno, BpfCommand.MapLookupElement, static map => $"Peeking at {map.Label}");
    }

    /// <summary>
    /// Whether a bloom filter may contain <paramref name="value"/>: false means certainly not pushed, true
    /// means pushed or a false positive.
    /// </summary>
    public unsafe bool Contains(ReadOnlySpan<byte> value)
    {
        CheckType(nameof(Contains), BpfMapType.BloomFilter);
        CheckValue(value.Length, nameof(value));
        int errno;
        // The kernel reads the value to test through the value pointer of a lookup.
        fixed (byte* valuePointer = value)
            errno = CallElement(BpfCommand.MapLookupElement, null, valuePointer, 0);
        return Found(errno, BpfCommand.MapLookupElement, static map => $"Testing {map.Label} for a value");
    }

    /// <summary>Pushes an unmanaged value; see <see cref="Push(ReadOnlySpan{byte}, MapUpdateFlags)"/>.</summary>
    public void Push<TValue>(in TValue value, MapUpdateFlags flags = MapUpdateFlags.Any) where TValue : unmanaged
    {
        CheckValueType<TValue>();
        Push(MemoryMarshal.AsBytes(new ReadOnlySpan<TValue>(in value)), flags);
    }

    /// <summary>Pops an unmanaged value; see <see cref="TryPop(Span{byte})"/>.</summary>
    public bool TryPop<TValue>(out TValue value) where TValue : unmanaged
    {
        CheckValueType<TValue>();
        value = default;
        return TryPop(MemoryMarshal.AsBytes(new Span<TValue>(ref value)));
    }

    /// <summary>Peeks at an unmanaged value; see <see cref="TryPeek(Span{byte})"/>.</summary>
    public bool TryPeek<TValue>(out TValue value) where TValue : unmanaged
    {
        CheckValueType<TValue>();
        value = default;
        return TryPeek(MemoryMarshal.AsBytes(new Span<TValue>(ref value)));
    }

    /// <summary>Tests a bloom filter for an unmanaged value; see <see cref="Contains(ReadOnlySpan{byte})"/>.</summary>
    public bool Contains<TValue>(in TValue value) where TValue : unmanaged
    {
        CheckValueType<TValue>();
        return Contains(MemoryMarshal.AsBytes(new ReadOnlySpan<TValue>(in value)));
    }
}
