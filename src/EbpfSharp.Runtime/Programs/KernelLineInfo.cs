using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime;

/// <summary>A line_info record as BPF_PROG_LOAD takes it: offsets into the loaded BTF's string table, line and column packed.</summary>
public readonly record struct KernelLineInfo(uint InstructionIndex, uint FileNameOffset, uint LineOffset, uint LineAndColumn);
