using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>ld_imm64 of global data; becomes BPF_PSEUDO_MAP_VALUE with the data map's fd and the offset.</summary>
internal sealed record DataRelocation(int InstructionIndex, string MapName, int Offset) : FunctionRelocation(InstructionIndex);
