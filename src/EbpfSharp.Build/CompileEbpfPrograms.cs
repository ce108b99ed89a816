using EbpfSharp.Compiler;
using EbpfSharp.Compiler.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EbpfSharp.Build;

/// <summary>
/// Compiles the eBPF programs of a built assembly into one <c>&lt;Class&gt;.bpf.o</c> per class that declares
/// programs, writes them to the intermediate folder and reports the compiler's diagnostics to MSBuild as
/// <c>File.cs(12,9): error EBPF1001: …</c>. A thin adapter: every decision about the code is the compiler's.
/// </summary>
/// <remarks>
/// build/EbpfSharp.targets runs this task out of process (<c>TaskFactory="TaskHostFactory"</c>): a short-lived
/// task host loads the compiler and Mono.Cecil, so nothing of them stays in the long-lived MSBuild nodes of a
/// <c>dotnet build-server</c> session. That keeps a rebuilt compiler from being shadowed by the copy a reused
/// node loaded earlier, keeps the node from mapping the user's assembly, and keeps Cecil out of other tasks'
/// way; the cost is one process start, paid only when the target is out of date.
/// </remarks>
public sealed class CompileEbpfPrograms : Microsoft.Build.Utilities.Task
{
    /// <summary>The ID under which a compiler crash is reported (the compiler's internal-error ID).</summary>
    internal const string InternalErrorId = "EBPF1000";

    /// <summary>The ID under which a failure to embed the objects in the assembly is reported.</summary>
    internal const string EmbedErrorId = "EBPF1900";

    private readonly Func<string, CompilerOptions, CompilationResult> compile;

    /// <summary>Creates the task over the real compiler.</summary>
    public CompileEbpfPrograms()
        : this(EbpfCompiler.Compile)
    {
    }

    /// <summary>Creates the task over <paramref name="compile"/>; tests pass a fake compiler.</summary>
    internal CompileEbpfPrograms(Func<string, CompilerOptions, CompilationResult> compile) => this.compile = compile;

    /// <summary>The assembly the C# compiler wrote (its portable PDB is read from beside it).</summary>
    [Required]
    public string AssemblyPath { get; set; } = "";

    /// <summary>The assemblies the project references; their folders are searched for referenced assemblies.</summary>
    public ITaskItem[] References { get; set; } = [];

    /// <summary>The instruction set: <c>v2</c>, <c>v3</c> (the default) or <c>v4</c>.</summary>
    public string Isa { get; set; } = "v3";

    /// <summary>
    /// The architecture whose <c>struct pt_regs</c> probes read: <c>x64</c> or <c>arm64</c>
    /// (<c>EbpfSharpTargetArchitecture</c>); empty means the machine that builds.
    /// </summary>
    public string TargetArchitecture { get; set; } = "";

    /// <summary>The folder the objects are written to (<c>obj/…/ebpf/</c>).</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>
    /// The file that lists the objects written, one full path a line. Written on success only, so a failed
    /// compile leaves the target out of date; the targets read it to know the outputs of a skipped run.
    /// </summary>
    [Required]
    public string FileListPath { get; set; } = "";

    /// <summary>
    /// Whether to embed each object in the assembly as the manifest resource <c>EbpfSharp/&lt;Class&gt;.bpf.o</c>
    /// (<c>EbpfSharpEmbed</c>). When false, object resources an earlier build embedded are removed.
    /// </summary>
    public bool Embed { get; set; }

    /// <summary>The assembly's PDB (<c>@(_DebugSymbolsIntermediatePath)</c>); empty means beside the assembly.</summary>
    public string SymbolsPath { get; set; } = "";

    /// <summary>The project's <c>SignAssembly</c>: a strong-named assembly is re-signed after embedding.</summary>
    public bool SignAssembly { get; set; }

    /// <summary>The key file the assembly was signed with (<c>KeyOriginatorFile</c>).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The project's <c>DelaySign</c>.</summary>
    public bool DelaySign { get; set; }

    /// <summary>The project's <c>PublicSign</c>.</summary>
    public bool PublicSign { get; set; }

    /// <summary>The objects written, with <c>ClassName</c> and <c>ResourceName</c> metadata.</summary>
    [Output]
    public ITaskItem[] Objects { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        if (File.Exists(FileListPath))
            File.Delete(FileListPath);
        if (!IsaVersions.TryParse(Isa, out var isa))
        {
            Log.LogError($"EbpfSharpIsa is '{Isa}'; it must be v2, v3 or v4.");
            return false;
        }
        var architecture = TargetArchitectures.Host;
        if (!string.IsNullOrWhiteSpace(TargetArchitecture) && !TargetArchitectures.TryParse(TargetArchitecture, out architecture))
        {
            Log.LogError($"EbpfSharpTargetArchitecture is '{TargetArchitecture}'; it must be x64 or arm64 (or empty for the machine that builds).");
            return false;
        }

        var options = new CompilerOptions
        {
            Isa = isa,
            TargetArchitecture = architecture,
            ReferenceDirectories = References
                .Select(reference => Path.GetDirectoryName(reference.GetMetadata("FullPath")))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList(),
        };
        CompilationResult result;
        try
        {
            result = compile(AssemblyPath, options);
        }
        catch (Exception exception)
        {
            // The compiler reports user mistakes as diagnostics; an exception is a compiler bug. Say so in one
            // line, and keep the stack trace for -v:d where a bug report can pick it up.
            Log.LogError(null, InternalErrorId, null, AssemblyPath, 0, 0, 0, 0,
                $"The eBPF compiler failed unexpectedly: {exception.Message} Please report this with the detailed build log (-v:d).");
            Log.LogMessage(MessageImportance.Low, exception.ToString());
            return false;
        }

        foreach (var diagnostic in result.Diagnostics)
            CompilerDiagnosticLogger.Log(Log, diagnostic);
        if (!result.Success)
            return false;

        Directory.CreateDirectory(IntermediateDirectory);
        var written = new List<ITaskItem>();
        foreach (var compiled in result.Objects)
        {
            string path = Path.GetFullPath(Path.Combine(IntermediateDirectory, compiled.FileName));
            WriteIfChanged(path, compiled.Bytes);
            Log.LogMessage(MessageImportance.Normal, $"EbpfSharp: {compiled.ClassName} -> {path} ({Describe(compiled)})");
            var item = new TaskItem(path);
            item.SetMetadata("ClassName", compiled.ClassName);
            item.SetMetadata("ResourceName", ObjectEmbedder.ResourceName(compiled.ClassName));
            written.Add(item);
        }
        // Embedding comes before the file list: the list must end up newer than the rewritten assembly, or the
        // next build would find the target out of date.
        if (!EmbedObjects(result.Objects, options.ReferenceDirectories))
            return false;
        Objects = [.. written];
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FileListPath))!);
        File.WriteAllLines(FileListPath, written.Select(item => item.ItemSpec));
        return true;
    }

    private bool EmbedObjects(IReadOnlyList<CompiledObject> objects, IEnumerable<string> referenceDirectories)
    {
        var resources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (Embed)
        {
            foreach (var compiled in objects)
                resources[ObjectEmbedder.ResourceName(compiled.ClassName)] = compiled.Bytes;
        }
        else if (!File.Exists(AssemblyPath))
        {
            return true;
        }
        try
        {
            var signing = new SigningOptions(SignAssembly, KeyFile, DelaySign, PublicSign);
            if (ObjectEmbedder.Embed(AssemblyPath, SymbolsPath, resources, signing, referenceDirectories))
            {
                Log.LogMessage(MessageImportance.Normal, resources.Count > 0
                    ? $"EbpfSharp: embedded {string.Join(", ", resources.Keys)} in {AssemblyPath}"
                    : $"EbpfSharp: removed the embedded eBPF objects from {AssemblyPath}");
            }
            return true;
        }
        catch (EmbeddingException exception)
        {
            Log.LogError(null, EmbedErrorId, null, AssemblyPath, 0, 0, 0, 0, exception.Message);
            return false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            Log.LogError(null, EmbedErrorId, null, AssemblyPath, 0, 0, 0, 0,
                $"Embedding the eBPF objects in '{AssemblyPath}' failed: {exception.Message} Set EbpfSharpEmbed to false to keep the objects only beside the assembly.");
            Log.LogMessage(MessageImportance.Low, exception.ToString());
            return false;
        }
    }

    /// <summary>Leaves an unchanged object's timestamp alone, so the copy to the output folder is skipped too.</summary>
    private static void WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            return;
        File.WriteAllBytes(path, bytes);
    }

    private static string Describe(CompiledObject compiled) =>
        string.Join(", ", compiled.Programs.Select(p => $"{p.SymbolName}: {p.InstructionCount} insns, {p.StackBytes} bytes of stack"));
}
