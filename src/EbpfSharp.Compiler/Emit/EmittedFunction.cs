using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Compiler.Emit;

/// <summary>A function's eBPF instructions, the C# location of each run of them, and its stack use.</summary>
internal sealed record EmittedFunction(
    string Symbol,
    IReadOnlyList<Instruction> Instructions,
    IReadOnlyList<(int InstructionIndex, SourceLocation Location)> Lines,
    int StackBytes,
    IReadOnlyList<string> Callees)
{
    /// <summary>The CO-RE relocations, by the index of the instruction that carries the local value.</summary>
    public IReadOnlyList<(int InstructionIndex, CoreRelocation Relocation)> CoreRelocations { get; init; } = [];
}
