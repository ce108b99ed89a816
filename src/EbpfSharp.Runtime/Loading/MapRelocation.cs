using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>ld_imm64 of a map; becomes BPF_PSEUDO_MAP_FD with the map's fd.</summary>
internal sealed record MapRelocation(int InstructionIndex, string MapName) : FunctionRelocation(InstructionIndex);
