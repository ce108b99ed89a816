namespace EbpfSharp.Object.Instructions;

/// <summary>Atomic read-modify-write on 4- or 8-byte memory (class STX, mode ATOMIC).</summary>
public static class Atomic
{
    /// <summary>
    /// <c>lock *(uN *)(dst + offset) op= src</c>; with <see cref="AtomicOperation.Fetch"/>, the old value is
    /// also returned in src. Exchange and compare-exchange always fetch.
    /// </summary>
    public static Instruction Apply(AtomicOperation operation, AccessSize size, Register destination, short offset, Register source)
    {
        if (size is not (AccessSize.Word or AccessSize.DoubleWord))
            throw new ArgumentOutOfRangeException(nameof(size), size, "Atomic operations are 4 or 8 bytes wide.");
        return new(OpCode.Memory(InstructionClass.Stx, MemoryMode.Atomic, size), destination, source, offset, (int)operation);
    }

    /// <summary><c>lock *(uN *)(dst + offset) += src</c>, optionally fetching the old value into src.</summary>
    public static Instruction Add(AccessSize size, Register destination, short offset, Register source, bool fetch = false) =>
        Apply(fetch ? AtomicOperation.Add | AtomicOperation.Fetch : AtomicOperation.Add, size, destination, offset, source);

    /// <summary><c>src = xchg(dst + offset, src)</c></summary>
    public static Instruction Exchange(AccessSize size, Register destination, short offset, Register source) =>
        Apply(AtomicOperation.Exchange, size, destination, offset, source);

    /// <summary><c>r0 = cmpxchg(dst + offset, r0, src)</c>: stores src if the memory equals r0; r0 gets the old value.</summary>
    public static Instruction CompareExchange(AccessSize size, Register destination, short offset, Register source) =>
        Apply(AtomicOperation.CompareExchange, size, destination, offset, source);
}
