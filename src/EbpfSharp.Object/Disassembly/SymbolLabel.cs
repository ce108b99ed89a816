using EbpfSharp.Object.Elf;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// A symbol llvm-objdump can print as a block header or jump label, ordered as llvm-objdump sorts them:
/// by address, then name (byte order; <see cref="string.CompareOrdinal(string, string)"/> agrees for ASCII),
/// then type.
/// </summary>
internal readonly record struct SymbolLabel(ulong Address, string Name, ElfSymbolType Type) : IComparable<SymbolLabel>
{
    public int CompareTo(SymbolLabel other)
    {
        int byAddress = Address.CompareTo(other.Address);
        if (byAddress != 0)
            return byAddress;
        int byName = string.CompareOrdinal(Name, other.Name);
        return byName != 0 ? byName : Type.CompareTo(other.Type);
    }
}
