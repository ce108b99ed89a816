using EbpfSharp.Compiler;
using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Analyzers.Tests.Corpus;

/// <summary>
/// The corpus assembly compiled once with the EbpfSharp compiler (no analyzers involved), and every object it wrote
/// loaded into the kernel once, in parallel (a verifier rejection at the one-million-instruction limit takes seconds).
/// </summary>
public sealed class CompiledCorpus
{
    private static readonly Lazy<CompilationResult> Compiled = new(() => EbpfCompiler.Compile(VerifierCorpus.AssemblyPath));

    private static readonly Lazy<IReadOnlyDictionary<string, LoadOutcome>> Loaded = new(() =>
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, LoadOutcome>();
        Parallel.ForEach(Compiled.Value.Objects, compiled => outcomes[compiled.ClassName] = LoadOutcome.Of(compiled));
        return outcomes;
    });

    public CompilationResult Result => Compiled.Value;

    /// <summary>The compiler's errors for <paramref name="file"/>'s class: at a line of the file, or in one of its methods.</summary>
    public IReadOnlyList<CompilerDiagnostic> Errors(CorpusFile file) =>
        [.. Result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error
            && (diagnostic.Location is { } location && Path.GetFileName(location.FilePath) == Path.GetFileName(file.Path)
                || diagnostic.MethodName?.StartsWith(file.Name + ".", StringComparison.Ordinal) == true))];

    public CompiledObject? Object(CorpusFile file) => Result.Objects.SingleOrDefault(compiled => compiled.ClassName == file.ClassName);

    /// <summary>What loading <paramref name="file"/>'s object did (every object is loaded on the first call).</summary>
    public LoadOutcome Load(CorpusFile file) => Loaded.Value[file.ClassName];
}

/// <summary>A load of one object: how many programs the kernel accepted, or why it refused.</summary>
public sealed record LoadOutcome(int ProgramCount, Exception? Failure)
{
    public static LoadOutcome Of(CompiledObject compiled)
    {
        try
        {
            var spec = ObjectSpec.Read(compiled.Bytes, compiled.ClassName);
            // Where the kernel refuses trampoline programs (fentry/fexit), the verifier checks their instructions as raw tracepoints.
            if (!Trampolines.Available && spec.Programs.Any(program => program.Type == EbpfSharp.Object.BpfProgramType.Tracing))
                spec = ObjectSpec.Read(Trampolines.AsRawTracepoints(compiled.Bytes), compiled.ClassName);
            using var loaded = spec.Load();
            return new LoadOutcome(loaded.Programs.Count, null);
        }
        catch (Exception exception)
        {
            return new LoadOutcome(0, exception);
        }
    }
}

/// <summary>
/// The corpus is what it claims to be, without the analyzers: every rejected program is refused, by the compiler
/// (an EBPF1xxx error) or by the kernel when loaded (the verifier), and every accepted program compiles and loads.
/// </summary>
public sealed class CorpusKernelTests(CompiledCorpus corpus, ITestOutputHelper output) : IClassFixture<CompiledCorpus>
{
    [KernelTheory]
    [MemberData(nameof(VerifierCorpus.RejectedNames), MemberType = typeof(VerifierCorpus))]
    public void Every_rejected_program_is_really_rejected_without_the_analyzers(string name)
    {
        var program = VerifierCorpus.RejectedNamed(name);

        var errors = corpus.Errors(program);
        if (errors.Count > 0)
        {
            Assert.True(errors.All(error => error.Id != "EBPF1000"), $"{program.RelativePath}: the compiler failed instead of rejecting it:\n{string.Join("\n", errors)}");
            output.WriteLine($"{program.RelativePath} ({program.ExpectedId}): rejected by the compiler: {string.Join("; ", errors.Select(error => $"{error.Id} at line {error.Location?.Line}: {error.Message}"))}");
            return;
        }
        var compiled = corpus.Object(program);
        Assert.True(compiled is not null, $"{program.RelativePath}: the compiler reported no error but wrote no object");

        var exception = corpus.Load(program).Failure;

        Assert.True(exception is BpfException, $"{program.RelativePath} ({program.ExpectedId}) compiled and the kernel accepted it: it does not belong in Rejected/. {exception}");
        string reason = exception is BpfVerifierException verifier ? $"the verifier: {VerifierReason(verifier.VerifierLog)}" : $"the kernel: {exception!.GetType().Name}: {exception.Message}";
        output.WriteLine($"{program.RelativePath} ({program.ExpectedId}): rejected at load by {reason}");
    }

    [KernelTheory]
    [MemberData(nameof(VerifierCorpus.AcceptedNames), MemberType = typeof(VerifierCorpus))]
    public void Every_accepted_program_compiles_and_loads(string name)
    {
        var file = VerifierCorpus.AcceptedNamed(name);

        var errors = corpus.Errors(file);
        Assert.True(errors.Count == 0, $"{file.RelativePath} does not compile:\n{string.Join("\n", errors)}");
        var compiled = corpus.Object(file);
        Assert.True(compiled is not null, $"{file.RelativePath}: no object was written");
        Assert.NotEmpty(compiled!.Programs);

        var outcome = corpus.Load(file);

        Assert.True(outcome.Failure is null, outcome.Failure is BpfVerifierException verifier
            ? $"{file.RelativePath}: the verifier rejected '{verifier.ProgramName}': {VerifierReason(verifier.VerifierLog)}\n{verifier.VerifierLog}"
            : $"{file.RelativePath} did not load: {outcome.Failure}");
        Assert.Equal(compiled.Programs.Count, outcome.ProgramCount);
        output.WriteLine($"{file.RelativePath}: {outcome.ProgramCount} program(s) loaded");
    }

    /// <summary>The line of a verifier log that says why: the last one before the kernel's instruction count.</summary>
    private static string VerifierReason(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var meaningful = lines.Where(line => !line.StartsWith("processed ", StringComparison.Ordinal)
            && !line.StartsWith("verification time", StringComparison.Ordinal)
            && !line.StartsWith("stack depth", StringComparison.Ordinal)
            && !line.StartsWith("mark_precise", StringComparison.Ordinal)
            && !line.StartsWith("old state:", StringComparison.Ordinal)
            && !line.StartsWith("cur state:", StringComparison.Ordinal)).ToList();
        return meaningful.Count == 0 ? "(no log)" : meaningful[^1];
    }
}
