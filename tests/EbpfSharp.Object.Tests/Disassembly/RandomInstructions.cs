using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>Seeded random instruction streams: valid builder forms with in-section jumps, and raw slots of any opcode.</summary>
internal sealed class RandomInstructions(int seed)
{
    private static readonly AccessSize[] Sizes = [AccessSize.Byte, AccessSize.Half, AccessSize.Word, AccessSize.DoubleWord];
    private static readonly AtomicOperation[] AtomicOperations =
    [
        AtomicOperation.Add, AtomicOperation.Or, AtomicOperation.And, AtomicOperation.Xor,
        AtomicOperation.Add | AtomicOperation.Fetch, AtomicOperation.Or | AtomicOperation.Fetch,
        AtomicOperation.And | AtomicOperation.Fetch, AtomicOperation.Xor | AtomicOperation.Fetch,
        AtomicOperation.Exchange, AtomicOperation.CompareExchange,
    ];

    private readonly Random _random = new(seed);

    /// <summary>
    /// <paramref name="count"/> valid instructions labelled <c>L0</c>, <c>L1</c>, …; every jump names one of those
    /// labels, so <see cref="InstructionEncoder"/> resolves all targets inside the section.
    /// </summary>
    public List<Instruction> Valid(int count)
    {
        var program = new List<Instruction>(count);
        for (int i = 0; i < count; i++)
            program.Add(OneValid(count).WithLabel($"L{i}"));
        return program;
    }

    /// <summary><paramref name="slots"/> raw 8-byte slots, cycling through all 256 opcodes, with random fields and some zero runs.</summary>
    public byte[] Raw(int slots)
    {
        var bytes = new byte[slots * 8];
        for (int i = 0; i < slots; i++)
        {
            if (_random.Next(40) == 0)
                continue;
            var slot = bytes.AsSpan(i * 8, 8);
            slot[0] = (byte)(i % 256);
            slot[1] = (byte)_random.Next(256);
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(slot[2..], RawOffset());
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(slot[4..], Immediate());
        }
        return bytes;
    }

    private Instruction OneValid(int labels)
    {
        string target = $"L{_random.Next(labels)}";
        return _random.Next(24) switch
        {
            0 => Arithmetic(Alu64Operations()).Imm(Reg(), Immediate()),
            1 => Arithmetic(Alu64Operations()).Reg(Reg(), Reg()),
            2 => Arithmetic(Alu32Operations()).Imm(Reg(), Immediate()),
            3 => Arithmetic(Alu32Operations()).Reg(Reg(), Reg()),
            4 => Pick(Alu64.Neg(Reg()), Alu32.Neg(Reg()), Alu64.MovSignExtend(Reg(), Reg(), Pick(8, 16, 32)),
                Alu32.MovSignExtend(Reg(), Reg(), Pick(8, 16)), Alu64.AddressSpaceCast(Reg(), Reg(), (ushort)_random.Next(3), (ushort)_random.Next(3))),
            5 => Pick(Alu64.ByteSwap(Reg(), Width()), Alu32.ToBigEndian(Reg(), Width()), Alu32.ToLittleEndian(Reg(), Width())),
            6 or 7 => Condition(Pick(Jmp.Eq, Jmp.Ne, Jmp.Gt, Jmp.Ge, Jmp.Lt, Jmp.Le, Jmp.SGt, Jmp.SGe, Jmp.SLt, Jmp.SLe, Jmp.Set), target),
            8 or 9 => Condition(Pick(Jmp32.Eq, Jmp32.Ne, Jmp32.Gt, Jmp32.Ge, Jmp32.Lt, Jmp32.Le, Jmp32.SGt, Jmp32.SGe, Jmp32.SLt, Jmp32.SLe, Jmp32.Set), target),
            10 => Pick(Jmp.Ja(target), Jmp.LongJump(target), Jmp.MayGoto(target)),
            11 => Pick(Jmp.Call(Immediate()), Jmp.CallRelative(Immediate()), Jmp.CallKernelFunction(Immediate(), RawOffset()),
                Jmp.CallIndirect(Reg()), Jmp.Exit()),
            12 or 13 => Mem.Load(Size(), Reg(), Reg(), RawOffset()),
            14 => Mem.LoadSignExtend(Pick(AccessSize.Byte, AccessSize.Half, AccessSize.Word), Reg(), Reg(), RawOffset()),
            15 or 16 => Mem.Store(Size(), Reg(), RawOffset(), Reg()),
            17 => Mem.StoreImm(Size(), Reg(), RawOffset(), Immediate()),
            18 or 19 => Atomic.Apply(Pick(AtomicOperations), Pick(AccessSize.Word, AccessSize.DoubleWord), Reg(), RawOffset(), Reg()),
            20 => Ld.Imm64(Reg(), _random.NextInt64(long.MinValue, long.MaxValue) >> _random.Next(64)),
            21 => Ld.Pseudo(Reg(), (Register)_random.Next(1, 16), Immediate(), Immediate()),
            22 => Pick(Ld.MapFd(Reg(), Immediate()), Ld.MapValue(Reg(), Immediate(), Immediate())),
            _ => Pick(Ld.Absolute(Pick(AccessSize.Byte, AccessSize.Half, AccessSize.Word), Immediate()),
                Ld.Indirect(Pick(AccessSize.Byte, AccessSize.Half, AccessSize.Word), Reg(), Immediate())),
        };
    }

    private Instruction Condition(JumpCondition condition, string target) =>
        _random.Next(2) == 0 ? condition.Imm(Reg(), Immediate(), target) : condition.Reg(Reg(), Reg(), target);

    private ArithmeticOperation Arithmetic(ArithmeticOperation[] operations) => Pick(operations);

    private static ArithmeticOperation[] Alu64Operations() =>
    [
        Alu64.Add, Alu64.Sub, Alu64.Mul, Alu64.Div, Alu64.SDiv, Alu64.Or, Alu64.And, Alu64.Lsh, Alu64.Rsh,
        Alu64.Mod, Alu64.SMod, Alu64.Xor, Alu64.Mov, Alu64.Arsh,
    ];

    private static ArithmeticOperation[] Alu32Operations() =>
    [
        Alu32.Add, Alu32.Sub, Alu32.Mul, Alu32.Div, Alu32.SDiv, Alu32.Or, Alu32.And, Alu32.Lsh, Alu32.Rsh,
        Alu32.Mod, Alu32.SMod, Alu32.Xor, Alu32.Mov, Alu32.Arsh,
    ];

    /// <summary>r0–r10, and now and then r11, which LLVM also names.</summary>
    private Register Reg() => (Register)(_random.Next(50) == 0 ? 11 : _random.Next(11));

    private AccessSize Size() => Pick(Sizes);

    private int Width() => Pick(16, 32, 64);

    /// <summary>Edge values, the atomic and byte-order values LLVM checks, and uniformly random ones.</summary>
    private int Immediate() => _random.Next(4) switch
    {
        0 => Pick(0, 1, -1, 16, 32, 64, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1, 0x10000, int.MaxValue, int.MinValue),
        1 => _random.Next(-300, 300),
        _ => _random.Next(int.MinValue, int.MaxValue),
    };

    private short RawOffset() => _random.Next(3) switch
    {
        0 => Pick<short>(0, 1, -1, 8, 16, 32, short.MaxValue, short.MinValue),
        1 => (short)_random.Next(-512, 512),
        _ => (short)_random.Next(short.MinValue, short.MaxValue + 1),
    };

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
