using Microsoft.CodeAnalysis;

namespace EbpfSharp.Roslyn;

/// <summary>
/// What makes a method an eBPF program, shared by the generator and the analyzers (compiled into both) so they
/// agree with each other and with the compiler: an attribute whose class derives from <c>EbpfSharp.ProgramAttribute</c>.
/// </summary>
internal static class ProgramAttributes
{
    /// <summary>The metadata name of the attribute every program attribute derives from.</summary>
    public const string BaseMetadataName = "EbpfSharp.ProgramAttribute";

    /// <summary>The program attribute on <paramref name="method"/>, or null when it is not a program.</summary>
    public static AttributeData? Of(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (IsProgramAttribute(attribute.AttributeClass))
                return attribute;
        }
        return null;
    }

    /// <summary>Whether <paramref name="type"/> is <c>EbpfSharp.ProgramAttribute</c> or derives from it.</summary>
    public static bool IsProgramAttribute(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "ProgramAttribute", ContainingNamespace: { Name: "EbpfSharp", ContainingNamespace.IsGlobalNamespace: true } })
                return true;
        }
        return false;
    }
}
