namespace EbpfSharp.Object.Btf;

/// <summary>A func_info record: the function starting at <paramref name="InstructionOffset"/> has FUNC type <paramref name="TypeId"/>.</summary>
/// <param name="InstructionOffset">In an object file, a byte offset in the code section; in PROG_LOAD, an instruction index.</param>
/// <param name="TypeId">A BTF FUNC id.</param>
public sealed record BtfFunctionInfo(uint InstructionOffset, int TypeId);
