using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>A BPF-to-BPF call; the immediate becomes the distance to where the target lands.</summary>
internal sealed record CallRelocation(int InstructionIndex, FunctionSpec Target) : FunctionRelocation(InstructionIndex);
