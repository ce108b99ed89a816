namespace EbpfSharp.Object.Btf;

/// <summary>A CO-RE relocation record.</summary>
/// <param name="InstructionOffset">Byte offset of the instruction to patch in its code section.</param>
/// <param name="TypeId">Local BTF id of the root type.</param>
/// <param name="AccessString">Colon-separated access indices ("0:1"), or the enumerator index for enum relocations.</param>
/// <param name="Kind">What to compute.</param>
public sealed record BtfCoreRelocation(uint InstructionOffset, int TypeId, string AccessString, BtfCoreRelocationKind Kind);
