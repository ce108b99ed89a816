using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>A reference in one instruction of a function that the linker resolves at load time.</summary>
internal abstract record FunctionRelocation(int InstructionIndex);
