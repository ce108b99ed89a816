using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Optimize;
using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

/// <summary>Value ranges (Optimize/ValueRanges.cs, RangeSimplification.cs): IR in → IR out, and C# in → instructions out.</summary>
public sealed class RangeTests
{
    private static string[] Instructions(string program, IsaVersion isa = IsaVersion.V3)
    {
        var compiled = isa == IsaVersion.V3
            ? CompiledPrograms.Object(typeof(RangeShapes))
            : EbpfCompiler.Compile(typeof(RangeShapes).Assembly.Location, new CompilerOptions { Isa = isa }).Objects.Single(o => o.ClassName == typeof(RangeShapes).FullName);
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        return [.. listing.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())];
    }

    private static bool SignExtends(string[] code) => code.Any(line => line.Contains("s>>= 0x20", StringComparison.Ordinal));

    // p + (int)((*(u8 *)p & mask) << 2), the offset loaded with the given size.
    private static (IrFunction Function, IrInstruction Extend, IrInstruction Offset) OffsetFunction(int loadSize, long mask)
    {
        var function = new IrFunction("f");
        var block = function.NewBlock();
        var pointer = block.Append(function.New(IrOpcode.Parameter, true));
        var loaded = block.Append(function.New(IrOpcode.Load, false, pointer).WithSize(loadSize));
        var masked = block.Append(function.New(IrOpcode.And, false, loaded, IrConstant.Of32(mask)));
        var offset = block.Append(function.New(IrOpcode.ShiftLeft, false, masked, IrConstant.Of32(2)));
        var extend = block.Append(function.New(IrOpcode.SignExtend, true, offset).WithSize(4));
        var address = block.Append(function.New(IrOpcode.Add, true, pointer, extend));
        var value = block.Append(function.New(IrOpcode.Load, false, address).WithSize(1));
        block.Append(function.New(IrOpcode.Return, false, value));
        return (function, extend, offset);
    }

    [Fact]
    public void A_non_negative_int_offset_is_added_without_sign_extension()
    {
        var (function, extend, offset) = OffsetFunction(1, 0xF);

        Assert.True(RangeSimplification.Run(function));

        Assert.DoesNotContain(extend, function.Entry.Instructions);
        var add = function.Entry.Instructions.Single(i => i.Opcode == IrOpcode.Add);
        Assert.Same(offset, add.Operands[1]);
    }

    [Fact]
    public void An_int_offset_that_may_be_negative_keeps_its_sign_extension()
    {
        // A 32-bit load masked with 0x7FFFFFFF, shifted left: bit 31 may be set.
        var (function, extend, _) = OffsetFunction(4, 0x7FFF_FFFF);

        RangeSimplification.Run(function);

        Assert.Contains(extend, function.Entry.Instructions);
    }

    [Fact]
    public void A_loop_counter_from_zero_below_a_bound_is_non_negative_and_stepping_phis_are_bounded_by_it()
    {
        // B0: jump B1. B1: i = φ(0, i + 1), o = φ(14, o + 4); if i < n goto B2 else B3. B2: jump B1. B3: return o.
        var function = new IrFunction("f");
        var entry = function.NewBlock();
        var header = function.NewBlock();
        var body = function.NewBlock();
        var exit = function.NewBlock();
        var n = entry.Append(function.New(IrOpcode.Parameter, false));
        entry.Append(function.New(IrOpcode.Jump, false)).Targets.Add(header);
        var i = header.Append(function.New(IrOpcode.Phi, false));
        var o = header.Append(function.New(IrOpcode.Phi, false));
        var branch = header.Append(function.New(IrOpcode.CompareBranch, false, i, n));
        branch.Condition = IrCondition.Less;
        branch.Size = 4;
        branch.Targets.AddRange([body, exit]);
        var sum = header.Append(function.New(IrOpcode.Phi, true));
        header.Instructions.Remove(sum);
        header.Instructions.Insert(2, sum);
        var pointer = entry.Append(function.New(IrOpcode.Parameter, true).WithSize(0));
        entry.Instructions.Remove(pointer);
        entry.Instructions.Insert(0, pointer);
        var next = body.Append(function.New(IrOpcode.Add, false, i, IrConstant.Of32(1)));
        var step = body.Append(function.New(IrOpcode.Add, false, o, IrConstant.Of32(4)));
        var word = body.Append(function.New(IrOpcode.Load, true, pointer).WithSize(2));
        var added = body.Append(function.New(IrOpcode.Add, true, sum, word));
        body.Append(function.New(IrOpcode.Jump, false)).Targets.Add(header);
        exit.Append(function.New(IrOpcode.Return, false, o));
        header.Predecessors.AddRange([entry, body]);
        body.Predecessors.Add(header);
        exit.Predecessors.Add(header);
        i.Operands.AddRange([IrConstant.Of32(0), next]);
        o.Operands.AddRange([IrConstant.Of32(14), step]);
        sum.Operands.AddRange([IrConstant.Of64(0), added]);

        var unbounded = ValueRanges.Compute(function);
        Assert.True(unbounded.Base(i).NonNegative);
        Assert.True(unbounded.At(i, body).Hi < int.MaxValue);   // i < n in the body
        Assert.False(unbounded.Base(o).Hi < int.MaxValue);       // n unknown: o may wrap

        branch.Operands[1] = IrConstant.Of32(2);
        var bounded = ValueRanges.Compute(function);
        Assert.Equal(new ValueRange(0, 2), bounded.Base(i));
        Assert.Equal(new ValueRange(14, 22), bounded.Base(o));
        Assert.Equal(new ValueRange(0, 2 * 0xFFFF), bounded.Base(sum));   // two 16-bit words at most

        i.Operands[0] = IrConstant.Of32(-3);
        Assert.False(ValueRanges.Compute(function).Base(i).NonNegative);
    }

    [Fact]
    public void The_carry_of_a_sum_too_small_to_have_one_is_zero_and_a_mask_that_keeps_everything_goes()
    {
        // s = (u64)a + (u64)b for 16-bit a, b: s >> 32 is 0 and s & 0xFFFFFFFF is s. With 32-bit loads both stay.
        foreach (int size in new[] { 2, 4 })
        {
            var function = new IrFunction("f");
            var block = function.NewBlock();
            var pointer = block.Append(function.New(IrOpcode.Parameter, true));
            var a = block.Append(function.New(IrOpcode.Load, true, pointer).WithSize(size));
            var b = block.Append(function.New(IrOpcode.Load, true, pointer).WithSize(size));
            var sum = block.Append(function.New(IrOpcode.Add, true, a, b));
            var sum2 = block.Append(function.New(IrOpcode.Add, true, sum, sum));
            var carry = block.Append(function.New(IrOpcode.ShiftRightUnsigned, true, sum2, IrConstant.Of64(32)));
            var low = block.Append(function.New(IrOpcode.And, true, sum2, IrConstant.Of64(0xFFFF_FFFF)));
            var total = block.Append(function.New(IrOpcode.Add, true, low, carry));
            block.Append(function.New(IrOpcode.Return, false, total));

            RangeSimplification.Run(function);

            Assert.Equal(size == 2, !block.Instructions.Contains(carry));
            Assert.Equal(size == 2, !block.Instructions.Contains(low));
            if (size == 2)
            {
                Assert.Same(sum2, total.Operands[0]);
                Assert.Equal(0, Assert.IsType<IrConstant>(total.Operands[1]).Value);
            }
        }
    }

    [Fact]
    public void A_16_bit_zero_extension_of_a_32_bit_one_extends_the_source_once()
    {
        var function = new IrFunction("f");
        var block = function.NewBlock();
        var wide = block.Append(function.New(IrOpcode.Parameter, true));
        var low32 = block.Append(function.New(IrOpcode.ZeroExtend, false, wide).WithSize(4));
        var low16 = block.Append(function.New(IrOpcode.ZeroExtend, false, low32).WithSize(2));
        block.Append(function.New(IrOpcode.Return, false, low16));

        Assert.True(RangeSimplification.Run(function));

        Assert.Same(wide, low16.Operands[0]);
    }

    [Theory]
    [InlineData("Less", 0, 5, 6, 9, true)]
    [InlineData("Less", 0, 6, 6, 9, null)]
    [InlineData("GreaterOrEqual", 6, 9, 0, 6, true)]
    [InlineData("LessUnsigned", -1, 5, 6, 9, null)]   // -1 is the largest unsigned value
    [InlineData("LessUnsigned", 0, 5, 6, 9, true)]
    [InlineData("Equal", 0, 5, 6, 9, false)]
    public void Compares_are_decided_only_when_the_ranges_decide_them(string conditionName, long xLo, long xHi, long yLo, long yHi, bool? expected)
    {
        var condition = Enum.Parse<IrCondition>(conditionName);
        Assert.Equal(expected, RangeSimplification.Decide(condition, new ValueRange(xLo, xHi), new ValueRange(yLo, yHi)));
    }

    [Fact]
    public void The_header_length_offset_is_not_sign_extended()
    {
        Assert.False(SignExtends(Instructions(nameof(RangeShapes.HeaderLengthOffset))));
    }

    [Fact]
    public void A_loop_index_from_zero_is_not_sign_extended()
    {
        Assert.False(SignExtends(Instructions(nameof(RangeShapes.LoopIndexOffset))));
    }

    [Fact]
    public void Unsigned_division_and_remainder_by_powers_of_two_are_a_shift_and_a_mask()
    {
        var code = Instructions(nameof(RangeShapes.HashBucket));

        Assert.DoesNotContain(code, line => line.Contains("/=", StringComparison.Ordinal) || line.Contains("%=", StringComparison.Ordinal));
        Assert.Contains(code, line => line.Contains("&= 0xf", StringComparison.Ordinal));
        Assert.Contains(code, line => line.Contains(">>= 0x6", StringComparison.Ordinal));
    }

    [Fact]
    public void The_packet_length_widens_without_sign_extension()
    {
        var code = Instructions(nameof(RangeShapes.WideLength));

        Assert.False(SignExtends(code));
        Assert.DoesNotContain(code, line => line.Contains("<<= 0x20", StringComparison.Ordinal));
    }

    [Fact]
    public void Offsets_that_may_be_negative_are_sign_extended()
    {
        Assert.True(SignExtends(Instructions(nameof(RangeShapes.MaybeNegativeOffset))));
        Assert.True(SignExtends(Instructions(nameof(RangeShapes.NegativeStartLoopOffset))));
    }

    [Fact]
    public void Signed_division_of_a_non_negative_value_by_a_power_of_two_is_a_shift_and_a_mask()
    {
        var code = Instructions(nameof(RangeShapes.HalfHeaderLength));
        Assert.DoesNotContain(code, line => line.Contains("/=", StringComparison.Ordinal) || line.Contains("%=", StringComparison.Ordinal));
        Assert.Contains(code, line => line.Contains(">>= 0x1", StringComparison.Ordinal));
        Assert.Contains(code, line => line.Contains("&= 0x7", StringComparison.Ordinal));
    }

    [Fact]
    public void Signed_division_by_a_power_of_two_of_a_value_that_may_be_negative_rounds_toward_zero_with_shifts()
    {
        foreach (var isa in new[] { IsaVersion.V3, IsaVersion.V4 })
        {
            var code = Instructions(nameof(RangeShapes.QuarterOfMaybeNegative), isa);
            Assert.Contains(code, line => line.Contains("s>>= 0x1f", StringComparison.Ordinal));   // the sign, for the bias
            Assert.Contains(code, line => line.Contains("s>>= 0x2", StringComparison.Ordinal));    // the quotient
            Assert.DoesNotContain(code, line => line.Contains("/=", StringComparison.Ordinal) || line.Contains("%=", StringComparison.Ordinal));
        }
    }
    [Fact]
    public void A_long_known_to_fit_is_used_as_a_uint_without_an_edge_block()
    {
        var code = Instructions("ClampedKey");

        Assert.DoesNotContain(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^w(\d) = w\1$"));
        Assert.DoesNotContain(code.Zip(code.Skip(1)), pair => pair.First == "exit" && pair.Second.StartsWith("goto", StringComparison.Ordinal));
    }
    [Fact]
    public void Two_returns_of_the_same_constant_share_one_exit()   // Emit/FunctionEmitter.cs, not ranges: ClampedKey has two
    {
        var code = Instructions("ClampedKey");

        Assert.Single(code, line => line == "exit");
    }
}
