using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>
/// One function of an object: an entry program or a <c>.text</c> subprogram, with its instructions and the
/// references in them that the linker must resolve.
/// </summary>
internal sealed class FunctionSpec
{
    public FunctionSpec(string name, int sectionIndex, string sectionName, int byteOffset, Instruction[] instructions)
    {
        Name = name;
        SectionIndex = sectionIndex;
        SectionName = sectionName;
        ByteOffset = byteOffset;
        Instructions = instructions;
        SlotOfInstruction = new int[instructions.Length + 1];
        for (int i = 0; i < instructions.Length; i++)
            SlotOfInstruction[i + 1] = SlotOfInstruction[i] + instructions[i].Slots;
    }

    public string Name { get; }

    public int SectionIndex { get; }

    public string SectionName { get; }

    /// <summary>Byte offset of the function in its section.</summary>
    public int ByteOffset { get; }

    public Instruction[] Instructions { get; }

    /// <summary>Slot index (8-byte units from the function start) of each instruction, plus the total.</summary>
    public int[] SlotOfInstruction { get; }

    public int SlotCount => SlotOfInstruction[^1];

    public List<FunctionRelocation> Relocations { get; } = [];

    /// <summary>CO-RE relocations (.BTF.ext core_relo) of this function's instructions, applied when a program is linked.</summary>
    public List<Core.FunctionCoreRelocation> CoreRelocations { get; } = [];

    /// <summary>The BTF FUNC type from func_info, or 0.</summary>
    public int FunctionTypeId { get; set; }

    /// <summary>line_info records with offsets in bytes from the start of this function.</summary>
    public List<BtfLineInfo> Lines { get; } = [];

    /// <summary>The instruction index starting at <paramref name="slot"/> (from the function start), or -1.</summary>
    public int InstructionAtSlot(int slot)
    {
        int index = Array.BinarySearch(SlotOfInstruction, 0, Instructions.Length, slot);
        return index >= 0 ? index : -1;
    }

    public bool Contains(int sectionIndex, long byteOffset) =>
        sectionIndex == SectionIndex && byteOffset >= ByteOffset && byteOffset < ByteOffset + SlotCount * 8L;

    public override string ToString() => $"{Name} ({SectionName}+{ByteOffset})";
}
