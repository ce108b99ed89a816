using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Tests.Instructions;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>All builder forms in one XDP object, disassembled by us and by llvm-objdump-19.</summary>
public sealed class EveryFormTests
{
    private static byte[] EveryForm() =>
        InstructionEncoder.Encode(InstructionForms.All.Select(form => form.Instruction).ToList()).Bytes;

    [ToolFact(LlvmObjdump.Tool)]
    public void Every_form_in_one_object_disassembles_as_llvm_objdump_with_alu32_does()
    {
        var file = TestObject.WithCode(EveryForm());
        var (path, llvm) = LlvmObjdump.Disassemble(file, "--mattr=+alu32");
        LlvmObjdump.AssertSameText(llvm, LlvmObjdump.Ours(file, path, new() { Dialect = DisassemblyDialect.Alu32 }));
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Every_form_in_one_object_disassembles_as_plain_llvm_objdump_does_apart_from_32_bit_atomics()
    {
        var file = TestObject.WithCode(EveryForm());
        var (path, plain) = LlvmObjdump.Disassemble(file);
        var (_, alu32) = LlvmObjdump.Disassemble(file, "--mattr=+alu32");
        var ours = LlvmObjdump.Ours(file, path);
        // Plain llvm-objdump cannot decode most 32-bit atomics; our default prints them as alu32 does.
        LlvmObjdump.AssertSameText(LlvmObjdump.WithAlu32Atomics(plain, alu32), ours);
        Assert.Contains("<unknown>", plain);
        Assert.DoesNotContain("<unknown>", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Every_table_text_is_what_llvm_objdump_prints_for_that_row()
    {
        var file = TestObject.WithCode(EveryForm());
        var (_, plain) = LlvmObjdump.Disassemble(file);
        var (_, alu32) = LlvmObjdump.Disassemble(file, "--mattr=+alu32");
        var texts = LlvmObjdump.WithAlu32Atomics(plain, alu32).Split('\n')
            .Select(line => line.Split('\t', 3))
            .Where(fields => fields.Length == 3)
            .Select(fields => (Hex: fields[1], Text: StripLabel(fields[2])))
            .ToList();
        Assert.Equal(InstructionForms.All.Select(form => (form.Hex, form.Text)), texts);
    }

    /// <summary>llvm-objdump appends jump labels (<c> &lt;prog+0x10&gt;</c>); the table holds the bare text.</summary>
    private static string StripLabel(string text) =>
        text.LastIndexOf(" <prog", StringComparison.Ordinal) is var at and >= 0 ? text[..at] : text;
}
