using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>ld_imm64 of a function's address (callbacks); becomes BPF_PSEUDO_FUNC with a distance.</summary>
internal sealed record FunctionAddressRelocation(int InstructionIndex, FunctionSpec Target) : FunctionRelocation(InstructionIndex);
