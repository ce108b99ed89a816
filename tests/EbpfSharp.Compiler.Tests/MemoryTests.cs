using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Lower;
using EbpfSharp.Compiler.Optimize;
using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests;

/// <summary>
/// Loads of known bytes (Optimize/LoadForwarding.cs), complements within a mask (RangeSimplification.cs), masks a
/// narrow reader skips (Simplification.cs) and dead stack stores (Lower/FrameStoreElimination.cs).
/// </summary>
public sealed class MemoryTests
{
    private static string[] Instructions(string program)
    {
        var compiled = CompiledPrograms.Object(typeof(MemoryShapes));
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { Symbol = program });
        return [.. listing.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+\d+:\t")).Select(line => line.Split('\t')[^1].Trim())];
    }

    private static int Count(string[] code, string text) => code.Count(line => line.Contains(text, StringComparison.Ordinal));

    // B0: p = Parameter; the rest appended by the test; Return at the end.
    private static (IrFunction Function, IrBlock Block, IrInstruction Pointer) Straight()
    {
        var function = new IrFunction("f");
        var block = function.NewBlock();
        var context = block.Append(function.New(IrOpcode.Parameter, true));
        var pointer = block.Append(function.New(IrOpcode.Load, true, context).WithSize(4));
        return (function, block, pointer);
    }

    private static IrInstruction Load(IrFunction function, IrBlock block, IrValue pointer, int size, long offset)
    {
        var load = block.Append(function.New(IrOpcode.Load, false, pointer).WithSize(size));
        load.Immediate = offset;
        return load;
    }

    private static IrInstruction Store(IrFunction function, IrBlock block, IrValue pointer, IrValue value, int size, long offset)
    {
        var store = block.Append(function.New(IrOpcode.Store, false, pointer, value).WithSize(size));
        store.Immediate = offset;
        return store;
    }

    private static IrInstruction Return(IrFunction function, IrBlock block, params IrValue[] values)
    {
        IrValue sum = values[0];
        foreach (var value in values.Skip(1))
            sum = block.Append(function.New(IrOpcode.Add, false, sum, value));
        return block.Append(function.New(IrOpcode.Return, false, sum));
    }

    [Fact]
    public void A_second_load_of_the_same_bytes_reuses_the_first()
    {
        var (function, block, pointer) = Straight();
        var first = Load(function, block, pointer, 1, 22);
        var second = Load(function, block, pointer, 1, 22);
        var ret = Return(function, block, first, second);

        Assert.True(LoadForwarding.Run(function));

        Assert.DoesNotContain(second, block.Instructions);
        Assert.Equal([first, first], block.Instructions.Single(i => i.Opcode == IrOpcode.Add).Operands);
        Assert.Contains(ret, block.Instructions);
    }

    [Fact]
    public void A_load_after_a_store_of_the_same_bytes_reads_the_stored_value_truncated()
    {
        var (function, block, pointer) = Straight();
        var value = block.Append(function.New(IrOpcode.Add, false, Load(function, block, pointer, 1, 22), IrConstant.Of32(300)));
        Store(function, block, pointer, value, 1, 22);
        var again = Load(function, block, pointer, 1, 22);
        Return(function, block, again);

        Assert.True(LoadForwarding.Run(function));

        Assert.Equal(IrOpcode.ZeroExtend, again.Opcode);
        Assert.Equal(1, again.Size);
        Assert.Same(value, again.Operands[0]);
    }

    [Theory]
    [InlineData(2, 22, 1, 22)]   // a byte of a 16-bit store
    [InlineData(2, 22, 1, 23)]   // its other byte
    [InlineData(1, 23, 2, 22)]   // a 16-bit load over a byte store
    [InlineData(4, 20, 2, 22)]
    public void A_load_of_bytes_a_store_covers_with_another_width_or_offset_reads_memory(int storeSize, long storeOffset, int loadSize, long loadOffset)
    {
        var (function, block, pointer) = Straight();
        var before = Load(function, block, pointer, loadSize, loadOffset);
        Store(function, block, pointer, IrConstant.Of32(0x1234), storeSize, storeOffset);
        var after = Load(function, block, pointer, loadSize, loadOffset);
        Return(function, block, before, after);

        LoadForwarding.Run(function);

        Assert.Equal(IrOpcode.Load, after.Opcode);
        Assert.Contains(after, block.Instructions);
    }

    [Fact]
    public void A_store_at_other_bytes_of_the_same_base_keeps_a_loaded_value()
    {
        var (function, block, pointer) = Straight();
        var first = Load(function, block, pointer, 2, 24);
        Store(function, block, pointer, IrConstant.Of32(7), 2, 26);
        Store(function, block, pointer, IrConstant.Of32(7), 1, 23);
        var second = Load(function, block, pointer, 2, 24);
        Return(function, block, first, second);

        Assert.True(LoadForwarding.Run(function));

        Assert.DoesNotContain(second, block.Instructions);
    }

    [Fact]
    public void A_store_through_another_packet_pointer_forgets_what_was_loaded()
    {
        var (function, block, pointer) = Straight();
        var first = Load(function, block, pointer, 1, 5);
        var offset = block.Append(function.New(IrOpcode.And, false, first, IrConstant.Of32(7)));
        var other = block.Append(function.New(IrOpcode.Add, true, pointer, offset));
        Store(function, block, other, IrConstant.Of32(1), 1, 0);
        var second = Load(function, block, pointer, 1, 5);
        Return(function, block, first, second);

        LoadForwarding.Run(function);

        Assert.Contains(second, block.Instructions);
    }

    [Fact]
    public void A_store_into_a_map_value_keeps_a_loaded_packet_value_and_a_call_forgets_it()
    {
        var (function, block, pointer) = Straight();
        var value = block.Append(function.New(IrOpcode.CallHelper, true, IrConstant.Of64(0), IrConstant.Of64(0)));
        value.Immediate = 1;   // bpf_map_lookup_elem
        var first = Load(function, block, pointer, 1, 22);
        Store(function, block, value, first, 8, 0);
        var second = Load(function, block, pointer, 1, 22);
        var call = block.Append(function.New(IrOpcode.CallHelper, true, pointer));
        call.Immediate = 5;
        var third = Load(function, block, pointer, 1, 22);
        Return(function, block, first, second, third);

        LoadForwarding.Run(function);

        Assert.DoesNotContain(second, block.Instructions);
        Assert.Contains(third, block.Instructions);
    }

    [Fact]
    public void A_load_reuses_what_both_sides_of_a_branch_know_and_not_what_one_side_stored()
    {
        // B0: x = p[22]; if x goto B1 else B2. B1: p[23] = 1. B2: p[22] = 2... both jump to B3: p[22], p[23] again.
        var (function, entry, pointer) = Straight();
        var left = function.NewBlock();
        var right = function.NewBlock();
        var join = function.NewBlock();
        var first = Load(function, entry, pointer, 1, 22);
        var firstOther = Load(function, entry, pointer, 1, 23);
        entry.Append(function.New(IrOpcode.Branch, false, first)).Targets.AddRange([left, right]);
        Store(function, left, pointer, IrConstant.Of32(1), 1, 23);
        left.Append(function.New(IrOpcode.Jump, false)).Targets.Add(join);
        right.Append(function.New(IrOpcode.Jump, false)).Targets.Add(join);
        left.Predecessors.Add(entry);
        right.Predecessors.Add(entry);
        join.Predecessors.AddRange([left, right]);
        var second = Load(function, join, pointer, 1, 22);
        var secondOther = Load(function, join, pointer, 1, 23);
        Return(function, join, firstOther, second, secondOther);

        Assert.True(LoadForwarding.Run(function));

        Assert.DoesNotContain(second, join.Instructions);
        Assert.Contains(secondOther, join.Instructions);
    }

    [Fact]
    public void A_complemented_16_bit_value_masked_to_16_bits_is_one_xor()
    {
        var (function, block, pointer) = Straight();
        var value = Load(function, block, pointer, 2, 24);
        var complement = block.Append(function.New(IrOpcode.Not, false, value));
        var masked = block.Append(function.New(IrOpcode.ZeroExtend, false, complement).WithSize(2));
        Return(function, block, masked);

        Assert.True(RangeSimplification.Run(function));

        Assert.Equal(IrOpcode.Xor, masked.Opcode);
        Assert.Same(value, masked.Operands[0]);
        Assert.Equal(0xFFFF, ((IrConstant)masked.Operands[1]).Value);
    }

    [Fact]
    public void A_complemented_value_that_may_exceed_the_mask_keeps_its_mask()
    {
        var (function, block, pointer) = Straight();
        var value = Load(function, block, pointer, 4, 24);
        var complement = block.Append(function.New(IrOpcode.Not, false, value));
        var masked = block.Append(function.New(IrOpcode.And, false, complement, IrConstant.Of32(0xFFFF)));
        Return(function, block, masked);

        RangeSimplification.Run(function);

        Assert.Equal(IrOpcode.And, masked.Opcode);
    }

    [Fact]
    public void A_byte_swap_of_16_bits_reads_past_a_16_bit_mask()
    {
        var (function, block, pointer) = Straight();
        var value = Load(function, block, pointer, 4, 24);
        var masked = block.Append(function.New(IrOpcode.And, false, value, IrConstant.Of32(0xFFFF)));
        var swapped = block.Append(function.New(IrOpcode.ByteSwap, false, masked).WithSize(2));
        var narrower = block.Append(function.New(IrOpcode.And, false, value, IrConstant.Of32(0xFF)));
        Store(function, block, pointer, narrower, 2, 0);
        Return(function, block, swapped);

        Assert.True(Simplification.Run(function));

        Assert.Same(value, swapped.Operands[0]);
        Assert.Same(narrower, block.Instructions.Single(i => i.Opcode == IrOpcode.Store).Operands[1]);   // 0xFF drops a stored byte
    }

    // B0: s[0..8] = 0; if x goto B1 else B2. B1: s[0..overwrite] = 1; call(&s). B2: return.
    private static (IrFunction Function, IrInstruction Zero, IrInstruction One, IrBlock Entry, IrBlock Reads) StoreThenCallOnOnePath(int overwrite)
    {
        var function = new IrFunction("f");
        var entry = function.NewBlock();
        var reads = function.NewBlock();
        var exit = function.NewBlock();
        var frame = function.NewFrame("s", 8);
        var x = entry.Append(function.New(IrOpcode.Parameter, false));
        var zero = entry.Append(function.New(IrOpcode.StoreFrame, false, IrConstant.Of64(0)).WithSize(8));
        zero.Frame = frame;
        entry.Append(function.New(IrOpcode.Branch, false, x)).Targets.AddRange([reads, exit]);
        var one = reads.Append(function.New(IrOpcode.StoreFrame, false, overwrite == 8 ? IrConstant.Of64(1) : IrConstant.Of32(1)).WithSize(overwrite));
        one.Frame = frame;
        var address = reads.Append(function.New(IrOpcode.FrameAddress, true));
        address.Frame = frame;
        reads.Append(function.New(IrOpcode.CallHelper, true, address)).Immediate = 2;
        reads.Append(function.New(IrOpcode.Return, false, IrConstant.Of32(0)));
        exit.Append(function.New(IrOpcode.Return, false, IrConstant.Of32(0)));
        reads.Predecessors.Add(entry);
        exit.Predecessors.Add(entry);
        return (function, zero, one, entry, reads);
    }

    [Fact]
    public void A_stack_store_overwritten_on_the_only_path_that_reads_it_is_removed()
    {
        var (function, zero, one, entry, reads) = StoreThenCallOnOnePath(overwrite: 8);

        Assert.True(FrameStoreElimination.Run(function));

        Assert.DoesNotContain(zero, entry.Instructions);
        Assert.Contains(one, reads.Instructions);
    }

    [Fact]
    public void A_stack_store_read_on_one_path_stays()
    {
        var (function, zero, _, entry, _) = StoreThenCallOnOnePath(overwrite: 4);

        FrameStoreElimination.Run(function);

        Assert.Contains(zero, entry.Instructions);
    }

    [Fact]
    public void The_ttl_is_loaded_once_and_each_16_bit_complement_is_one_xor()
    {
        var code = Instructions("DecrementTtl");

        Assert.Single(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r\d = \*\(u8 \*\)\(r\d \+ 0x16\)$"));
        Assert.Single(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r\d = \*\(u8 \*\)\(r\d \+ 0x17\)$"));
        Assert.Single(code, line => line.EndsWith("^= -0x1", StringComparison.Ordinal));   // only the final complement of the folded sum
        Assert.Equal(2, Count(code, "^= 0xffff"));
    }

    [Fact]
    public void A_packet_byte_is_loaded_again_after_a_helper_call()
    {
        var code = Instructions("LoadAroundCall");

        Assert.Single(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r\d = \*\(u8 \*\)\(r\d \+ 0x16\)$"));   // once after the call, not before
    }

    [Fact]
    public void A_struct_local_filled_before_its_only_reader_is_not_zeroed_at_entry()
    {
        var code = Instructions("InsertCounts");

        Assert.DoesNotContain(code, line => line.Contains(") = 0x0", StringComparison.Ordinal) && line.Contains("r10", StringComparison.Ordinal));
    }
    [Fact]
    public void A_packet_byte_branched_on_after_a_call_is_read_again_there()
    {
        var code = Instructions("BranchAgainAfterCall");

        Assert.Equal(2, code.Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r\d = \*\(u8 \*\)\(r\d \+ 0x17\)$")));
        Assert.DoesNotContain(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r[89] = "));   // one callee-saved register (the packet)
    }

    [Fact]
    public void A_packet_byte_stored_to_before_the_call_is_not_read_again()
    {
        var code = Instructions("BranchAgainAfterStoreAndCall");

        Assert.Single(code, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^r\d = \*\(u8 \*\)\(r\d \+ 0x17\)$"));
    }
    // p[9] read, a helper called with the given arguments, p[9] and p[8] used after it.
    private static (IrFunction Function, IrBlock Block, IrInstruction Load) AcrossCall(Func<IrInstruction, IrValue[]> arguments)
    {
        var (function, block, pointer) = Straight();
        var value = Load(function, block, pointer, 1, 9);
        var call = block.Append(function.New(IrOpcode.CallHelper, true, arguments(block.Instructions[0])));
        call.Immediate = 44;
        Return(function, block, value, Load(function, block, pointer, 1, 8), call);
        return (function, block, value);
    }

    [Fact]
    public void A_packet_byte_is_read_again_after_a_call_passed_only_integers()
    {
        var (function, block, load) = AcrossCall(_ => [IrConstant.Of64(1)]);

        Assert.True(PacketReload.Run(function));

        var add = block.Instructions.First(i => i.Opcode == IrOpcode.Add);
        Assert.NotSame(load, add.Operands[0]);
        Assert.Equal(2, block.Instructions.Count(i => i is { Opcode: IrOpcode.Load, Immediate: 9 }));
    }

    [Fact]
    public void A_packet_byte_is_not_read_again_after_a_call_passed_the_context()
    {
        var (function, _, _) = AcrossCall(context => [context, IrConstant.Of64(2)]);   // bpf_xdp_adjust_head(ctx, 2)

        Assert.False(PacketReload.Run(function));
    }
}
