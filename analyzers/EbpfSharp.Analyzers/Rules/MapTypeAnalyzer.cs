using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EbpfSharp.Analyzers.Rules;

/// <summary>
/// EBPF0020: a map's key or value type has no eBPF layout. The map classes already require <c>unmanaged</c> type
/// arguments (C# reports CS8377 for references); what C# accepts and the compiler cannot lay out is floating point
/// (<c>float</c>, <c>double</c>, <c>decimal</c>), directly or in a field of a struct (EBPF1014). Checked on the map
/// fields of classes that declare programs, at the type argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MapTypeAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = ProgramCode.Rule(DiagnosticIds.NonBlittableMapType,
        "Map key or value type is not blittable",
        "The {0} type of map '{1}', '{2}', {3}; a map's key and value are bytes the kernel copies, laid out from primitives, enums, pointers and unmanaged structs of them. Use integers (for example, fixed-point).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(symbolContext =>
        {
            var field = (IFieldSymbol)symbolContext.Symbol;
            if (!field.IsStatic || field.Type is not INamedTypeSymbol { IsGenericType: true } map || !ProgramCode.IsMapFamily(map)
                || !field.ContainingType.GetMembers().OfType<IMethodSymbol>().Any(method => ProgramReachability.ProgramAttributeOf(method) is not null))
                return;
            var syntax = field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(symbolContext.CancellationToken);
            var typeSyntax = (syntax?.Parent as VariableDeclarationSyntax)?.Type;
            var arguments = (typeSyntax as GenericNameSyntax ?? (typeSyntax as QualifiedNameSyntax)?.Right as GenericNameSyntax)?.TypeArgumentList.Arguments;
            var parameters = map.OriginalDefinition.TypeParameters;
            for (int i = 0; i < map.TypeArguments.Length; i++)
            {
                if (FloatingPath(map.TypeArguments[i], new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default)) is not { } path)
                    continue;
                string role = parameters[i].Name switch { "TKey" => "key", "TValue" => "value", _ => "element" };
                var location = arguments is { } list && i < list.Count ? list[i].GetLocation() : field.Locations[0];
                string what = path.Length == 0 ? "is floating point" : $"holds floating point (field {path})";
                symbolContext.ReportDiagnostic(Diagnostic.Create(Descriptor, location, role, field.Name,
                    map.TypeArguments[i].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), what));
            }
        }, SymbolKind.Field);
    }

    /// <summary>"" when the type is floating point, the path of the floating-point field in a struct, or null.</summary>
    private static string? FloatingPath(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        if (type.SpecialType is SpecialType.System_Single or SpecialType.System_Double)
            return "";
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } structure || structure.SpecialType != SpecialType.None || !visiting.Add(structure))
            return null;
        foreach (var member in structure.GetMembers().OfType<IFieldSymbol>().Where(member => !member.IsStatic && !member.IsConst))
        {
            var fieldType = member.IsFixedSizeBuffer && member.Type is IPointerTypeSymbol pointer ? pointer.PointedAtType : member.Type;
            if (FloatingPath(fieldType, visiting) is { } inner)
                return inner.Length == 0 ? member.Name : $"{member.Name}.{inner}";
        }
        visiting.Remove(structure);
        return null;
    }
}
