using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime;

/// <summary>A func_info record as BPF_PROG_LOAD takes it: the function starting at an instruction index has a BTF FUNC type.</summary>
public readonly record struct KernelFunctionInfo(uint InstructionIndex, uint TypeId);
