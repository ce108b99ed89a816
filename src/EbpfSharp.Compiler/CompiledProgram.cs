namespace EbpfSharp.Compiler;

/// <summary>One program in a compiled object.</summary>
/// <param name="MethodName">The C# method, as <c>Namespace.Class.Method</c>.</param>
/// <param name="SymbolName">The ELF symbol and kernel program name (kernel-legal characters only).</param>
/// <param name="SectionName">The ELF section, such as <c>xdp</c>.</param>
/// <param name="InstructionCount">Instructions in the program and the subprograms it calls, in 8-byte slots.</param>
/// <param name="StackBytes">Stack the program uses, its deepest call chain included (the kernel allows 512).</param>
public sealed record CompiledProgram(string MethodName, string SymbolName, string SectionName, int InstructionCount, int StackBytes);
