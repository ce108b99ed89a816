using System.Text.RegularExpressions;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Compiler.Tests.CoreRelocations;

/// <summary>
/// A CO-RE relocation as the tests compare it: the instruction index in its function, the root type's name, the
/// access string, the kind and the opcode of the patched instruction (0xb7 for <c>rX = imm</c>, 0x18 for ld_imm64).
/// </summary>
public sealed record CoreRecord(int Instruction, string TypeName, string Access, BtfCoreRelocationKind Kind, byte OpCode);

/// <summary>Reads compiled objects back: one function's instructions (by slot) and CO-RE relocations, and the object's BTF.</summary>
public static partial class CoreObjects
{
    public static (BtfSection Btf, BtfExtSection Ext, ElfFile Elf) Read(byte[] bytes)
    {
        var elf = ElfFile.Read(bytes);
        var btf = BtfSection.Read(elf.FindSection(".BTF")!.Data);
        var ext = BtfExtSection.Read(elf.FindSection(".BTF.ext")!.Data, btf);
        return (btf, ext, elf);
    }

    /// <summary>The function's instructions as disassembled text, one per slot index relative to the function (ld_imm64 takes two).</summary>
    public static string[] Instructions(byte[] bytes, string fileName, string symbol)
    {
        string listing = ObjectDisassembler.Disassemble(ElfFile.Read(bytes), fileName, new ObjectDisassemblyOptions { Symbol = symbol });
        var lines = listing.Split('\n').Where(line => SlotLine().IsMatch(line)).ToList();
        return [.. lines.Select(line => line.Split('\t')[^1].Trim())];
    }

    /// <summary>The function's CO-RE relocations, by instruction index within the function.</summary>
    public static List<CoreRecord> Relocations(byte[] bytes, string symbol)
    {
        var (btf, ext, elf) = Read(bytes);
        var function = elf.ReadSymbols().Single(candidate => candidate.Name == symbol);
        string section = elf.Sections[function.SectionIndex].Name;
        var code = EbpfSharp.Object.Instructions.InstructionEncoder.Decode(elf.Sections[function.SectionIndex].Data.AsSpan((int)function.Value, (int)function.Size));
        var slotToIndex = new Dictionary<int, int>();
        for (int i = 0, slot = 0; i < code.Length; slot += code[i].Slots, i++)
            slotToIndex[slot] = i;
        return [.. ext.CoreRelocationsOf(section)
            .Where(record => record.InstructionOffset >= function.Value && record.InstructionOffset < function.Value + function.Size)
            .Select(record =>
            {
                int index = slotToIndex[(int)(record.InstructionOffset - function.Value) / 8];
                return new CoreRecord(index, btf.Get(record.TypeId).Name, record.AccessString, record.Kind, code[index].OpCode.Value);
            })];
    }

    [GeneratedRegex(@"^\s+\d+:\t")]
    private static partial Regex SlotLine();
}
