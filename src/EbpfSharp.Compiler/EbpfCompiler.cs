namespace EbpfSharp.Compiler;

/// <summary>Compiles the eBPF programs of an assembly into one ELF object per class that declares programs.</summary>
public static class EbpfCompiler
{
    /// <summary>
    /// Reads <paramref name="assemblyPath"/> (and its portable PDB, when beside it), compiles every method marked
    /// with a program attribute and what it calls, and returns the objects and diagnostics. Never throws for
    /// problems in the user's code: those are diagnostics.
    /// </summary>
    public static CompilationResult Compile(string assemblyPath, CompilerOptions? options = null) =>
        throw new NotImplementedException("The compiler is being written.");
}
