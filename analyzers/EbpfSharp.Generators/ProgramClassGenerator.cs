using EbpfSharp.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EbpfSharp.Generators;

/// <summary>
/// Writes a typed host class into every class that declares eBPF programs (<c>ProtocolCounter.Load()</c>, its
/// programs, map views, readers and globals): the <see cref="Parser"/> turns the class into an equatable model,
/// the <see cref="Emitter"/> writes the source, and diagnostics (EBPF2001–EBPF2005) go out separately.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ProgramClassGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // ForAttributeWithMetadataName cannot be used: programs carry attributes derived from the abstract ProgramAttribute.
        IncrementalValuesProvider<ProgramClassResult> programClasses = context.SyntaxProvider
            .CreateSyntaxProvider(Parser.IsCandidate, Parser.Parse)
            .WhereNotNull()
            .WithTrackingName(TrackingNames.ProgramClasses);

        IncrementalValuesProvider<ProgramClassModel> models = programClasses
            .Select(static (result, _) => result.Model)
            .WhereNotNull()
            .WithTrackingName(TrackingNames.Models);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = programClasses
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(models, Emitter.Emit);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
