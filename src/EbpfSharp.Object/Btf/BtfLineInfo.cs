namespace EbpfSharp.Object.Btf;

/// <summary>A line_info record: the source line that produced the instruction at <paramref name="InstructionOffset"/>.</summary>
/// <param name="InstructionOffset">In an object file, a byte offset in the code section; in PROG_LOAD, an instruction index.</param>
/// <param name="FileName">The source file path.</param>
/// <param name="LineText">The text of the source line (may be empty).</param>
/// <param name="LineNumber">1-based line (22 bits).</param>
/// <param name="Column">1-based column (10 bits).</param>
public sealed record BtfLineInfo(uint InstructionOffset, string FileName, string LineText, uint LineNumber, uint Column);
