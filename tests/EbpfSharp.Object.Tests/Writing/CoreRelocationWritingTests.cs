using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Object.Tests.Writing;

/// <summary>CO-RE relocations on <see cref="FunctionCode"/> become .BTF.ext core_relo records with byte offsets within the section.</summary>
public class CoreRelocationWritingTests
{
    private static (ObjectBuilder Builder, int TaskId, int EnumId) Builder()
    {
        var builder = new ObjectBuilder();
        int task = builder.Btf.Add(new BtfStruct(8, new[] { new BtfMember("pid", builder.Types.Int, 0), new BtfMember("tgid", builder.Types.Int, 32) }) { Name = "task_struct" });
        int pidType = builder.Btf.Add(new BtfEnum(4, new[] { new BtfEnumValue("PIDTYPE_PID", 0), new BtfEnumValue("PIDTYPE_TGID", 1) }) { Name = "pid_type" });
        return (builder, task, pidType);
    }

    private static Instruction[] Body =>
    [
        Ld.Imm64(R2, 1),                 // slots 0-1
        Alu64.Mov.Imm(R1, 4),            // slot 2: offsetof(task_struct, tgid)
        Alu64.Add.Reg(R1, R2),
        Alu64.Mov.Imm(R0, 0),
        Jmp.Exit(),
    ];

    [Fact]
    public void Records_carry_byte_offsets_in_the_section_and_read_back()
    {
        var (builder, task, pidType) = Builder();
        builder.AddFunction(new FunctionCode("first", Body) { SectionName = "raw_tp/sys_enter" });
        builder.AddFunction(new FunctionCode("second", Body)
        {
            SectionName = "raw_tp/sys_enter",
            CoreRelocations =
            [
                new CoreRelocationSite(0, pidType, "1", BtfCoreRelocationKind.EnumValue),
                new CoreRelocationSite(1, task, "0:1", BtfCoreRelocationKind.FieldByteOffset),
            ],
        });

        var file = ElfFile.Read(builder.Write());
        var btf = BtfSection.Read(file.FindSection(".BTF")!.Data);
        var ext = BtfExtSection.Read(file.FindSection(".BTF.ext")!.Data, btf);

        // "second" starts after the 6 slots of "first": its ld_imm64 is at byte 48, the move (slot 2) at 64.
        Assert.Equal(
            [new BtfCoreRelocation(48, pidType, "1", BtfCoreRelocationKind.EnumValue), new BtfCoreRelocation(64, task, "0:1", BtfCoreRelocationKind.FieldByteOffset)],
            ext.CoreRelocationsOf("raw_tp/sys_enter"));
        Assert.Equal(2, ext.FunctionInfosOf("raw_tp/sys_enter").Count);
    }

    [Fact]
    public void An_object_without_relocations_has_an_empty_core_relo_subsection()
    {
        var (builder, _, _) = Builder();
        builder.AddFunction(new FunctionCode("only", Body) { SectionName = "raw_tp/sys_enter" });

        var file = ElfFile.Read(builder.Write());
        var ext = BtfExtSection.Read(file.FindSection(".BTF.ext")!.Data, BtfSection.Read(file.FindSection(".BTF")!.Data));

        Assert.Empty(ext.CoreRelocations);
    }

    [Theory]
    [InlineData(2, 1, "ALU instruction with an immediate")]   // r1 += r2: a register operand, not patchable
    [InlineData(9, 1, "past its 5 instructions")]
    [InlineData(1, 99, "does not hold")]
    public void A_record_libbpf_could_not_apply_is_refused(int instruction, int typeId, string message)
    {
        var (builder, _, _) = Builder();
        builder.AddFunction(new FunctionCode("bad", Body)
        {
            SectionName = "raw_tp/sys_enter",
            CoreRelocations = [new CoreRelocationSite(instruction, typeId, "0:0", BtfCoreRelocationKind.FieldByteOffset)],
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.Write());
        Assert.Contains(message, error.Message);
    }
}
