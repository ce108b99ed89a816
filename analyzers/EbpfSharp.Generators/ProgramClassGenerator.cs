using Microsoft.CodeAnalysis;

namespace EbpfSharp.Generators;

/// <summary>Placeholder until the generator lands (issue 5).</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ProgramClassGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
