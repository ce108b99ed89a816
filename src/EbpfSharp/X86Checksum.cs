using System.Buffers.Binary;

namespace EbpfSharp;

/// <summary>
/// The kernel's checksum arithmetic on x86-64, bit for bit, so that <see cref="Bpf.CsumDiff"/> on the CLR returns
/// what the helper returns in the kernel. csum_partial adds 64-bit little-endian words with the carry chains of
/// its add/adc sequences (kernel: arch/x86/lib/csum-partial_64.c); the chains matter only for the representation
/// of ones'-complement zero, which is exactly where a careless emulation would differ.
/// </summary>
internal static unsafe class X86Checksum
{
    // kernel: net/core/filter.c, bpf_csum_diff (since 6.13, "bpf: bpf_csum_diff: optimize and homogenize for all archs").
    public static ushort Diff(byte* from, int fromSize, byte* to, int toSize, uint seed)
    {
        uint result = seed;
        if (fromSize != 0 && toSize != 0)
            result = Subtract(Partial(to, toSize, result), Partial(from, fromSize, 0));
        else if (toSize != 0)
            result = Partial(to, toSize, result);
        else if (fromSize != 0)
            result = ~Partial(from, fromSize, ~result);
        return From32To16(result);
    }

    // kernel: arch/x86/lib/csum-partial_64.c, csum_partial (6.8 and later).
    public static uint Partial(byte* buffer, int length, uint sum)
    {
        ulong total = sum;
        if (length >= 80)
        {
            // Two 40-byte chains in parallel, joined with one addq/adcq $0.
            ulong second = 0;
            do
            {
                total = Add40(total, buffer);
                second = Add40(second, buffer + 40);
                buffer += 80;
                length -= 80;
            } while (length >= 80);
            ulong carry = 0;
            total = AddWithCarry(total, second, ref carry);
            total += carry;
        }
        if (length >= 40)
        {
            total = Add40(total, buffer);
            length -= 40;
            if (length == 0)
                return Finalize(total);
            buffer += 40;
        }
        if ((length & 32) != 0)
        {
            total = AddChain(total, buffer, 4);
            buffer += 32;
        }
        if ((length & 16) != 0)
        {
            total = AddChain(total, buffer, 2);
            buffer += 16;
        }
        if ((length & 8) != 0)
        {
            total = AddChain(total, buffer, 1);
            buffer += 8;
        }
        if ((length & 7) != 0)
        {
            // load_unaligned_zeropad, then shifts that keep only the length & 7 bytes that belong to the buffer.
            ulong trail = 0;
            for (int i = (length & 7) - 1; i >= 0; i--)
                trail = trail << 8 | buffer[i];
            ulong carry = 0;
            total = AddWithCarry(total, trail, ref carry);
            total += carry;
        }
        return Finalize(total);
    }

    // kernel: arch/x86/include/asm/checksum_64.h, csum_add via add32_with_carry; include/net/checksum.h, csum_sub.
    public static uint Add(uint sum, uint addend)
    {
        uint result = sum + addend;
        return result + (result < addend ? 1u : 0u);
    }

    public static uint Subtract(uint sum, uint addend) => Add(sum, ~addend);

    // kernel: include/net/checksum.h, csum_from32to16.
    public static ushort From32To16(uint sum)
    {
        sum += sum >> 16 | sum << 16;
        return (ushort)(sum >> 16);
    }

    // kernel: csum-partial_64.c, update_csum_40b: addq, four adcq, adcq $0.
    private static ulong Add40(ulong sum, byte* words) => AddChain(sum, words, 5);

    // addq of the first word, adcq of the rest, then adcq $0: the final carry out is lost, as in the hardware.
    private static ulong AddChain(ulong sum, byte* words, int count)
    {
        ulong carry = 0;
        for (int i = 0; i < count; i++)
            sum = AddWithCarry(sum, BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(words + i * 8, 8)), ref carry);
        return sum + carry;
    }

    private static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong partial = a + b;
        ulong result = partial + carry;
        carry = (partial < a || result < partial) ? 1UL : 0UL;
        return result;
    }

    // kernel: csum-partial_64.c, csum_finalize_sum: folds 64 bits to 32 with the end-around carry.
    private static uint Finalize(ulong sum) => (uint)((sum + ulong.RotateRight(sum, 32)) >> 32);
}
