using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Writing;

/// <summary>The source line that produced the instructions starting at <paramref name="InstructionIndex"/>.</summary>
/// <param name="InstructionIndex">Index into the function's instruction list (not slots).</param>
/// <param name="FileName">The source file path.</param>
/// <param name="LineText">The text of the line, shown by the verifier as <c>; text @ file:line</c>.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLine(int InstructionIndex, string FileName, string LineText, int Line, int Column);
