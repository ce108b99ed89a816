using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Runtime.Loading.Core;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>The CO-RE resolver and instruction patcher on small hand-built BTF: no kernel needed.</summary>
public class CoreResolverTests
{
    private static readonly BtfInt Int = new(4, BtfIntEncoding.Signed, 0, 32) { Name = "int" };
    private static readonly BtfInt UnsignedInt = new(4, BtfIntEncoding.None, 0, 32) { Name = "unsigned int" };
    private static readonly BtfInt UnsignedShort = new(2, BtfIntEncoding.None, 0, 16) { Name = "unsigned short" };
    private static readonly BtfInt Long = new(8, BtfIntEncoding.Signed, 0, 64) { Name = "long" };

    private static BtfStruct Struct(string name, uint size, params BtfMember[] members) => new(size, new EquatableArray<BtfMember>(members)) { Name = name };

    /// <summary>
    /// The "kernel": struct s { long pad; union { int x; unsigned int b; }; int arr[4]; unsigned short flags; } and
    /// enum e { X = 0, A = 3 }.
    /// </summary>
    private static BtfSection Target()
    {
        var btf = new BtfSection();
        int @int = btf.Add(Int);                                                    // 1
        int @uint = btf.Add(UnsignedInt);                                           // 2
        int @long = btf.Add(Long);                                                  // 3
        int union = btf.Add(new BtfStruct(4, new EquatableArray<BtfMember>([new("x", @int, 0), new("b", @uint, 0)]), IsUnion: true)); // 4
        int array = btf.Add(new BtfArray(@int, @int, 4));                           // 5
        int @ushort = btf.Add(UnsignedShort);                                       // 6
        btf.Add(Struct("s", 32, new("pad", @long, 0), new("", union, 64), new("arr", array, 96), new("flags", @ushort, 224))); // 7
        btf.Add(new BtfEnum(4, new EquatableArray<BtfEnumValue>([new("X", 0), new("A", 3)])) { Name = "e" }); // 8
        return btf;
    }

    /// <summary>The program's view: struct s___old { unsigned int b; int arr[4]; unsigned int flags; int gone; } and enum e { A = 5 }.</summary>
    private static BtfSection Local(string structName = "s___old")
    {
        var btf = new BtfSection();
        int @int = btf.Add(Int);                                                    // 1
        int @uint = btf.Add(UnsignedInt);                                           // 2
        int array = btf.Add(new BtfArray(@int, @int, 4));                           // 3
        btf.Add(Struct(structName, 28, new("b", @uint, 0), new("arr", array, 32), new("flags", @uint, 160), new("gone", @int, 192))); // 4
        btf.Add(new BtfEnum(4, new EquatableArray<BtfEnumValue>([new("A", 5)])) { Name = "e" }); // 5
        return btf;
    }

    private const int LocalStruct = 4;
    private const int LocalEnum = 5;

    private static CoreResult Resolve(string access, BtfCoreRelocationKind kind, int typeId = LocalStruct, BtfSection? target = null, BtfSection? local = null) =>
        new CoreResolver(local ?? Local(), new CoreTarget(target ?? Target(), "the running kernel")).Resolve(new BtfCoreRelocation(0, typeId, access, kind));

    [Fact]
    public void A_member_is_found_by_name_through_an_anonymous_union_and_a_flavor_suffix()
    {
        var result = Resolve("0:0", BtfCoreRelocationKind.FieldByteOffset);

        Assert.Equal(0ul, result.OriginalValue);
        Assert.Equal(8ul, result.NewValue);
        Assert.False(result.Poison);
        Assert.Equal("struct s___old.b", result.Access);
    }

    [Fact]
    public void An_array_element_offset_follows_the_array_and_the_element_size()
    {
        var result = Resolve("0:1:2", BtfCoreRelocationKind.FieldByteOffset);

        Assert.Equal(4ul + 2 * 4, result.OriginalValue);
        Assert.Equal(12ul + 2 * 4, result.NewValue);
    }

    [Fact]
    public void Size_signedness_and_existence_come_from_the_target()
    {
        Assert.Equal(2ul, Resolve("0:2", BtfCoreRelocationKind.FieldByteSize).NewValue);
        Assert.Equal(0ul, Resolve("0:2", BtfCoreRelocationKind.FieldSigned).NewValue);
        Assert.Equal(0ul, Resolve("0:0", BtfCoreRelocationKind.FieldSigned).NewValue);
        // Like libbpf: signedness is asked of members, not of array elements.
        Assert.Throws<ObjectFormatException>(() => Resolve("0:1:0", BtfCoreRelocationKind.FieldSigned));
        Assert.Equal(1ul, Resolve("0:0", BtfCoreRelocationKind.FieldExists).NewValue);
        var missing = Resolve("0:3", BtfCoreRelocationKind.FieldExists);
        Assert.Equal(1ul, missing.OriginalValue);
        Assert.Equal(0ul, missing.NewValue);
        Assert.False(missing.Poison);
    }

    [Fact]
    public void A_missing_field_poisons_its_offset_and_says_which_field()
    {
        var result = Resolve("0:3", BtfCoreRelocationKind.FieldByteOffset);

        Assert.True(result.Poison);
        Assert.Equal("the running kernel's struct s has no field 'gone'", result.Failure);
    }

    [Fact]
    public void A_narrower_unsigned_field_is_read_with_a_narrower_load()
    {
        var result = Resolve("0:2", BtfCoreRelocationKind.FieldByteOffset);
        var code = Encode(new Instruction(OpCode.Memory(InstructionClass.Ldx, MemoryMode.Mem, AccessSize.Word), Register.R0, Register.R1, 20, 0));

        CoreRelocator.Patch(code, 0, result, BtfCoreRelocationKind.FieldByteOffset, "f+insn 0");

        var patched = Instruction.Decode(code);
        Assert.Equal((short)28, patched.Offset);
        Assert.Equal(OpCode.Memory(InstructionClass.Ldx, MemoryMode.Mem, AccessSize.Half), patched.OpCode);
    }

    [Fact]
    public void Type_and_enum_relocations_use_the_targets_values_or_zero()
    {
        Assert.Equal(32ul, Resolve("0", BtfCoreRelocationKind.TypeSize).NewValue);
        Assert.Equal(7ul, Resolve("0", BtfCoreRelocationKind.TypeIdTarget).NewValue);
        Assert.Equal(1ul, Resolve("0", BtfCoreRelocationKind.TypeExists).NewValue);
        Assert.Equal(0ul, Resolve("0", BtfCoreRelocationKind.TypeExists, local: Local("other")).NewValue);
        Assert.Equal(0ul, Resolve("0", BtfCoreRelocationKind.TypeSize, local: Local("other")).NewValue);
        Assert.Equal((ulong)LocalStruct, Resolve("0", BtfCoreRelocationKind.TypeIdLocal).NewValue);

        var value = Resolve("0", BtfCoreRelocationKind.EnumValue, LocalEnum);
        Assert.Equal(5ul, value.OriginalValue);
        Assert.Equal(3ul, value.NewValue);
        Assert.Equal(1ul, Resolve("0", BtfCoreRelocationKind.EnumValueExists, LocalEnum).NewValue);
    }

    [Fact]
    public void Candidates_that_disagree_are_ambiguous()
    {
        var target = Target();
        int @int = 1;
        target.Add(Struct("s___v2", 8, new("pad", @int, 0), new("b", @int, 32)));

        var exception = Assert.Throws<BpfInvalidArgumentException>(() => Resolve("0:0", BtfCoreRelocationKind.FieldByteOffset, target: target));

        Assert.Contains("ambiguous", exception.Message);
    }

    [Fact]
    public void An_instruction_without_the_local_value_is_refused()
    {
        var result = Resolve("0:0", BtfCoreRelocationKind.FieldByteOffset);
        var code = Encode(new Instruction(OpCode.Arithmetic(InstructionClass.Alu64, AluOperation.Mov, OperandSource.Immediate), Register.R1, 0, 0, 99));

        var exception = Assert.Throws<ObjectFormatException>(() => CoreRelocator.Patch(code, 0, result, BtfCoreRelocationKind.FieldByteOffset, "f+insn 0"));

        Assert.Contains("holds 99", exception.Message);
    }

    [Fact]
    public void An_alu_immediate_and_an_ld_imm64_are_patched_and_a_poisoned_ld_imm64_fills_both_slots()
    {
        var alu = Encode(new Instruction(OpCode.Arithmetic(InstructionClass.Alu64, AluOperation.Mov, OperandSource.Immediate), Register.R1, 0, 0, 0));
        CoreRelocator.Patch(alu, 0, Resolve("0:0", BtfCoreRelocationKind.FieldByteOffset), BtfCoreRelocationKind.FieldByteOffset, "f+insn 0");
        Assert.Equal(8, Instruction.Decode(alu).Immediate);

        var wide = Encode(new Instruction(OpCode.LoadImmediate64, Register.R1, 0, 0, 5));
        CoreRelocator.Patch(wide, 0, Resolve("0", BtfCoreRelocationKind.EnumValue, LocalEnum), BtfCoreRelocationKind.EnumValue, "f+insn 0");
        Assert.Equal(3L, Instruction.Decode(wide).Constant);

        var poisoned = Encode(new Instruction(OpCode.LoadImmediate64, Register.R1, 0, 0, 0));
        bool poison = CoreRelocator.Patch(poisoned, 0, Resolve("0:3", BtfCoreRelocationKind.FieldByteOffset), BtfCoreRelocationKind.FieldByteOffset, "f+insn 0");
        Assert.True(poison);
        for (int slot = 0; slot < 2; slot++)
        {
            var call = Instruction.Decode(poisoned.AsSpan(slot * 8));
            Assert.True(call.IsHelperCall);
            Assert.Equal(CoreRelocator.PoisonHelperId, call.Immediate);
        }
    }

    [Theory]
    [InlineData("task_struct___old", "task_struct")]
    [InlineData("task_struct", "task_struct")]
    [InlineData("a___b___c", "a___b")]
    [InlineData("____x", "____x")]
    [InlineData("x____y", "x____y")]
    public void The_essential_name_drops_the_flavor_suffix(string name, string essential) =>
        Assert.Equal(essential, CoreSpec.EssentialName(name));

    private static byte[] Encode(Instruction instruction)
    {
        var bytes = new byte[instruction.Slots * 8];
        instruction.EncodeTo(bytes);
        return bytes;
    }
}
