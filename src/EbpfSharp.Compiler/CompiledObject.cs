namespace EbpfSharp.Compiler;

/// <summary>The object written for one class that declares programs.</summary>
/// <param name="ClassName">The class's full name.</param>
/// <param name="FileName">The object's file name, <c>&lt;Class&gt;.bpf.o</c>.</param>
/// <param name="Bytes">The ELF object.</param>
/// <param name="Programs">The programs in it.</param>
public sealed record CompiledObject(string ClassName, string FileName, byte[] Bytes, IReadOnlyList<CompiledProgram> Programs);
