using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler;

/// <summary>Compiles the eBPF programs of an assembly into one ELF object per class that declares programs.</summary>
public static class EbpfCompiler
{
    /// <summary>
    /// Reads <paramref name="assemblyPath"/> (and its portable PDB, when beside it), compiles every method marked
    /// with a program attribute and what it calls, and returns the objects and diagnostics. Never throws for
    /// problems in the user's code: those are diagnostics.
    /// </summary>
    public static CompilationResult Compile(string assemblyPath, CompilerOptions? options = null)
    {
        options ??= new CompilerOptions();
        var diagnostics = new List<CompilerDiagnostic>();
        using var resolver = new DefaultAssemblyResolver();
        foreach (var directory in resolver.GetSearchDirectories())
            resolver.RemoveSearchDirectory(directory);
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(assemblyPath)));
        foreach (var directory in options.ReferenceDirectories)
            resolver.AddSearchDirectory(directory);
        // The framework the compiler runs on: to tell virtual BCL methods and enums apart when programs call them.
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location));

        ModuleDefinition module;
        try
        {
            module = Read(assemblyPath, resolver, diagnostics);
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.UnreadableAssembly, DiagnosticSeverity.Error,
                $"Cannot read '{assemblyPath}': {exception.Message}", null));
            return new CompilationResult([], diagnostics);
        }

        using (module)
        {
            var layouts = new TypeLayouts();
            var debug = new DebugInfo();
            var objects = new List<CompiledObject>();
            var compiler = new ObjectCompiler(options, layouts, debug, diagnostics);
            foreach (var type in module.GetTypes())
            {
                var programs = type.Methods.Where(method => Attributes.Program(method) is not null).ToList();
                if (programs.Count > 0 && compiler.Compile(type, programs) is { } compiled)
                    objects.Add(compiled);
            }
            return new CompilationResult(objects, diagnostics);
        }
    }

    private static ModuleDefinition Read(string assemblyPath, IAssemblyResolver resolver, List<CompilerDiagnostic> diagnostics)
    {
        var parameters = new ReaderParameters { AssemblyResolver = resolver, InMemory = true, ReadSymbols = true };
        try
        {
            return ModuleDefinition.ReadModule(assemblyPath, parameters);
        }
        catch (SymbolsNotFoundException)
        {
            diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.MissingDebugInformation, DiagnosticSeverity.Warning,
                $"No portable PDB beside '{Path.GetFileName(assemblyPath)}': objects carry no C# source lines and diagnostics no locations. Build with <DebugType>portable</DebugType>.", null));
            parameters.ReadSymbols = false;
            return ModuleDefinition.ReadModule(assemblyPath, parameters);
        }
    }
}
