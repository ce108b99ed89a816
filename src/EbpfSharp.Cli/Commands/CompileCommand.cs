using System.CommandLine;
using EbpfSharp.Compiler;
using EbpfSharp.Compiler.Diagnostics;

namespace EbpfSharp.Cli.Commands;

/// <summary>
/// <c>ebpfsharp compile &lt;assembly.dll&gt; [-o &lt;dir&gt;] [--isa v2|v3|v4] [--arch x64|arm64] [-r &lt;dir&gt;…]</c>: the compiler <c>dotnet build</c> runs,
/// by hand. Diagnostics go to standard error as MSBuild prints them (<c>File.cs(12,9): error EBPF1001: …</c>), one
/// line per object written to standard output; exit 1 when the compiler reported an error.
/// </summary>
internal static class CompileCommand
{
    /// <summary>The ISA names, as clang's <c>-mcpu</c> and the <c>EbpfSharpIsa</c> property spell them.</summary>
    private static readonly Dictionary<string, IsaVersion> IsaNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v2"] = IsaVersion.V2,
        ["v3"] = IsaVersion.V3,
        ["v4"] = IsaVersion.V4,
    };

    public static Command Create(TextWriter output, TextWriter error, Func<string, CompilerOptions, CompilationResult> compile)
    {
        var assembly = new Argument<FileInfo>("assembly.dll") { Description = "An assembly built from C# with EbpfSharp programs (its PDB beside it gives source lines)." };
        var outputDirectory = new Option<DirectoryInfo?>("--output", "-o") { HelpName = "dir", Description = "Where to write the objects (default: beside the assembly)." };
        var isa = new Option<string>("--isa") { Description = "The instruction set, as clang's -mcpu.", DefaultValueFactory = _ => "v3" };
        isa.AcceptOnlyFromAmong([.. IsaNames.Keys]);
        var architecture = new Option<string>("--arch")
        {
            Description = "The architecture whose struct pt_regs probes read (PtRegs members, typed kprobe/uprobe parameters); default: this machine's.",
            DefaultValueFactory = _ => TargetArchitectures.Host == TargetArchitecture.Arm64 ? "arm64" : "x64",
        };
        architecture.AcceptOnlyFromAmong("x64", "arm64");
        var references = new Option<DirectoryInfo[]>("--reference", "-r")
        {
            HelpName = "dir",
            Description = "A folder to search for referenced assemblies (EbpfSharp.dll) when they are not beside the assembly; repeatable.",
        };
        var command = new Command("compile", "Compile an assembly's eBPF programs into one <Class>.bpf.o per class, as dotnet build does.")
        {
            assembly, outputDirectory, isa, architecture, references,
        };
        command.SetAction(result =>
        {
            string path = CommonOptions.Existing(result.GetRequiredValue(assembly));
            string directory = result.GetValue(outputDirectory)?.FullName ?? Path.GetDirectoryName(path)!;
            var options = new CompilerOptions
            {
                Isa = IsaNames[result.GetRequiredValue(isa)],
                TargetArchitecture = result.GetRequiredValue(architecture) == "arm64" ? TargetArchitecture.Arm64 : TargetArchitecture.X64,
                ReferenceDirectories = [.. (result.GetValue(references) ?? []).Select(directory => directory.FullName)],
            };
            CompilationResult compiled;
            try
            {
                compiled = compile(path, options);
            }
            catch (Exception exception) when (exception is not IOException and not UnauthorizedAccessException)
            {
                // User mistakes come back as diagnostics; an exception here is a compiler bug, reported as the
                // build task reports it.
                error.WriteLine($"{path}: error EBPF1000: The eBPF compiler failed unexpectedly: {exception.Message} Please report this.");
                return 1;
            }

            foreach (var diagnostic in compiled.Diagnostics)
                error.WriteLine(diagnostic.ToString());
            if (!compiled.Success)
                return 1;

            if (compiled.Objects.Count == 0)
            {
                // Silence would look like success; the usual cause is EbpfSharp.dll not being found (an obj/ path).
                error.WriteLine($"ebpfsharp: warning: No eBPF programs found in '{path}': no method has a program attribute such as [Xdp]. "
                    + "If EbpfSharp.dll is not beside the assembly, compile the copy in bin/ or pass its folder with -r.");
                return 0;
            }

            Directory.CreateDirectory(directory);
            foreach (var compiledObject in compiled.Objects)
            {
                string objectPath = Path.Combine(directory, compiledObject.FileName);
                File.WriteAllBytes(objectPath, compiledObject.Bytes);
                output.WriteLine($"{objectPath}: {Describe(compiledObject)}");
            }
            return 0;
        });
        return command;
    }

    private static string Describe(CompiledObject compiled) =>
        compiled.Programs.Count == 0
            ? compiled.ClassName
            : $"{compiled.ClassName} ({string.Join(", ", compiled.Programs.Select(p => $"{p.SymbolName} {p.SectionName} {p.InstructionCount} insns"))})";
}
