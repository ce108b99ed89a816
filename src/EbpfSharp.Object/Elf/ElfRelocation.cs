namespace EbpfSharp.Object.Elf;

/// <summary>One relocation entry (Elf64_Rel, or Elf64_Rela with <see cref="Addend"/>).</summary>
/// <param name="Offset">r_offset: the byte offset in the target section.</param>
/// <param name="SymbolIndex">The symbol-table index (upper 32 bits of r_info).</param>
/// <param name="Type">The relocation type (lower 32 bits of r_info), see <see cref="BpfRelocationType"/>.</param>
/// <param name="Addend">r_addend for SHT_RELA; 0 for SHT_REL, where the addend is implicit.</param>
public sealed record ElfRelocation(ulong Offset, uint SymbolIndex, uint Type, long Addend = 0);
