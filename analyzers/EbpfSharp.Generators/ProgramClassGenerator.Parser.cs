using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EbpfSharp.Generators.Model;
using EbpfSharp.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EbpfSharp.Generators;

public sealed partial class ProgramClassGenerator
{
    /// <summary>
    /// Reads a program class (syntax and semantic model) into a <see cref="ProgramClassResult"/>: the equatable model
    /// the emitter writes from, and the diagnostics. Nothing it returns holds a symbol, a syntax node or a location.
    /// </summary>
    internal sealed class Parser
    {
        private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat;
        private static readonly SymbolDisplayFormat NamespaceFormat =
            SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

        private readonly SemanticModel _semanticModel;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = [];

        private Parser(SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            _semanticModel = semanticModel;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The syntax-only filter: a class with a method that has attributes (a program needs one).</summary>
        public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
            node is ClassDeclarationSyntax { Members: var members } &&
            members.Any(static member => member is MethodDeclarationSyntax { AttributeLists.Count: > 0 });

        /// <summary>
        /// The result for the class declared at <paramref name="context"/>'s node, or null when it declares no
        /// program (or, for a class in several partial declarations, when another declaration reports it).
        /// </summary>
        public static ProgramClassResult? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
            new Parser(context.SemanticModel, cancellationToken).Parse((ClassDeclarationSyntax)context.Node);

        private ProgramClassResult? Parse(ClassDeclarationSyntax declaration)
        {
            if (_semanticModel.GetDeclaredSymbol(declaration, _cancellationToken) is not { } type)
                return null;
            var programs = ProgramMethods(type);
            // Every declaration of a partial class sees the same programs; the one with the first program reports.
            if (programs.Count == 0 || !Declares(declaration, programs[0].Method))
                return null;

            bool supported = IsNotGeneric(type, declaration) & IsPartial(type, declaration);
            var programModels = ProgramModels(type, programs);
            var model = supported ? ClassModel(type, programModels) : null;
            return new ProgramClassResult(model, _diagnostics.ToEquatableArray());
        }

        private List<(IMethodSymbol Method, AttributeData Attribute)> ProgramMethods(INamedTypeSymbol type)
        {
            var programs = new List<(IMethodSymbol, AttributeData)>();
            foreach (var member in type.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || IsClrOnly(method))
                    continue;
                var attribute = ProgramAttributes.Of(method);
                if (attribute is not null)
                    programs.Add((method, attribute));
            }
            return programs;
        }

        private static bool Declares(ClassDeclarationSyntax declaration, IMethodSymbol method) =>
            method.DeclaringSyntaxReferences.Any(reference =>
                reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span));

        /// <summary>EBPF2004: an object is one set of programs and maps, so there is nothing to generate per type argument.</summary>
        private bool IsNotGeneric(INamedTypeSymbol type, ClassDeclarationSyntax declaration)
        {
            var generic = Chain(type).FirstOrDefault(candidate => candidate.Arity > 0);
            if (generic is null)
                return true;
            string what = SymbolEqualityComparer.Default.Equals(generic, type)
                ? "is generic"
                : $"is inside the generic type '{generic.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'";
            Report(DiagnosticDescriptors.GenericClass, declaration.Identifier.GetLocation(), type.Name, what);
            return false;
        }

        /// <summary>EBPF2001: the generated members go into partial declarations of the class and every type around it.</summary>
        private bool IsPartial(INamedTypeSymbol type, ClassDeclarationSyntax declaration)
        {
            bool IsPartialDeclaration(TypeDeclarationSyntax candidate) => candidate.Modifiers.Any(SyntaxKind.PartialKeyword);
            var containers = declaration.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().Where(candidate => !IsPartialDeclaration(candidate))
                .Select(candidate => $"'{candidate.Identifier.ValueText}'").ToList();
            if (IsPartialDeclaration(declaration) && containers.Count == 0)
                return true;
            (string what, string where) = IsPartialDeclaration(declaration)
                ? (containers.Count == 1 ? $"its containing type {containers[0]} is not partial" : $"its containing types {string.Join(" and ", containers)} are not partial",
                   $"to {string.Join(" and ", containers)}")
                : ("is not partial", "(to it and every type that contains it)");
            Report(DiagnosticDescriptors.ClassNotPartial, declaration.Identifier.GetLocation(), type.Name, what, where);
            return false;
        }

        /// <summary>The programs' models, reporting EBPF2002 for instance methods and EBPF2003 for names used twice.</summary>
        private List<ProgramModel> ProgramModels(INamedTypeSymbol type, List<(IMethodSymbol Method, AttributeData Attribute)> programs)
        {
            var models = new List<ProgramModel>();
            var names = new HashSet<string>();
            foreach (var (method, attribute) in programs)
            {
                if (!method.IsStatic)
                    Report(DiagnosticDescriptors.ProgramNotStatic, method.Locations.FirstOrDefault(), type.Name, method.Name);
                if (!names.Add(method.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateProgramName, method.Locations.FirstOrDefault(), type.Name, method.Name);
                    continue;
                }
                models.Add(ProgramModel(method, attribute));
            }
            return models;
        }

        private static ProgramModel ProgramModel(IMethodSymbol method, AttributeData attribute)
        {
            var attributeClass = attribute.AttributeClass!;
            string attributeName = attributeClass.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
                ? attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length)
                : attributeClass.Name;
            var (kind, target) = KindAndTarget(attributeClass, attribute);
            return new ProgramModel(method.Name, ObjectNames.Of(method.Name), kind, attributeName, target);
        }

        /// <summary>
        /// The handle an EbpfSharp program attribute gives, and the target its arguments name. An attribute whose
        /// arguments are not constant non-empty strings (an error the compiler reports) gives a plain <c>BpfProgram</c>.
        /// </summary>
        private static (ProgramKind Kind, AttachTarget? Target) KindAndTarget(INamedTypeSymbol attributeClass, AttributeData attribute)
        {
            if (!IsEbpfSharpType(attributeClass, attributeClass.MetadataName))
                return (ProgramKind.Other, null);
            var arguments = attribute.ConstructorArguments;
            string? Argument(int index) =>
                index < arguments.Length && arguments[index].Kind == TypedConstantKind.Primitive && arguments[index].Value is string { Length: > 0 } value ? value : null;
            ulong offset = Offset(attribute);
            switch (attributeClass.MetadataName, arguments.Length)
            {
                case (WellKnownNames.XdpAttribute, _):
                    return (ProgramKind.Xdp, null);
                case (WellKnownNames.RawTracepointAttribute, 1) when Argument(0) is { } name:
                    return (ProgramKind.RawTracepoint, new AttachTarget(Tracepoint: name));
                case (WellKnownNames.KprobeAttribute, 1) when Argument(0) is { } function:
                    return (ProgramKind.Kprobe, new AttachTarget(Function: function, Offset: offset));
                case (WellKnownNames.KretprobeAttribute, 1) when Argument(0) is { } function:
                    return (ProgramKind.Kretprobe, new AttachTarget(Function: function));
                case (WellKnownNames.UprobeAttribute, 0):
                    return (ProgramKind.Uprobe, new AttachTarget(Offset: offset));
                case (WellKnownNames.UprobeAttribute, 2) when Argument(0) is { } binary && Argument(1) is { } symbol:
                    return (ProgramKind.Uprobe, new AttachTarget(Binary: binary, Symbol: symbol, Offset: offset));
                case (WellKnownNames.UretprobeAttribute, 0):
                    return (ProgramKind.Uretprobe, new AttachTarget());
                case (WellKnownNames.UretprobeAttribute, 2) when Argument(0) is { } binary && Argument(1) is { } symbol:
                    return (ProgramKind.Uretprobe, new AttachTarget(Binary: binary, Symbol: symbol));
                case (WellKnownNames.TracepointAttribute, 2) when Argument(0) is { } category && Argument(1) is { } name:
                    return (ProgramKind.Tracepoint, new AttachTarget(Category: category, Tracepoint: name));
                case (WellKnownNames.FentryAttribute, 1) when Argument(0) is { } function:
                    return (ProgramKind.Fentry, new AttachTarget(Function: function));
                case (WellKnownNames.FexitAttribute, 1) when Argument(0) is { } function:
                    return (ProgramKind.Fexit, new AttachTarget(Function: function));
                default:
                    return (ProgramKind.Other, null);
            }
        }

        /// <summary>The attribute's <c>Offset = …</c> (an <c>init</c> property of <c>[Kprobe]</c> and <c>[Uprobe]</c>), or 0.</summary>
        private static ulong Offset(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == WellKnownNames.OffsetProperty && argument.Value.Value is ulong offset)
                    return offset;
            }
            return 0;
        }

        private ProgramClassModel? ClassModel(INamedTypeSymbol type, List<ProgramModel> programs)
        {
            var maps = new List<MapModel>();
            var globals = new List<GlobalModel>();
            foreach (var member in type.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member is not IFieldSymbol { IsStatic: true, IsConst: false, IsImplicitlyDeclared: false } field || IsClrOnly(field))
                    continue;
                if (MapKinds.ViewOf(field.Type) is { } view)
                {
                    // A reassignable map field is the compiler's error (EBPF1014); it is no map of the object.
                    if (field.IsReadOnly && MapModel(field, view) is { } map)
                        maps.Add(map);
                }
                else if (IsGlobal(field) && Visibility(field.Type) is { } isPublic)
                {
                    globals.Add(new GlobalModel(field.Name, ObjectNames.Of(field.Name), field.Type.ToDisplayString(FullyQualified),
                        field.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), field.IsReadOnly, isPublic));
                }
            }

            if (!HasNoNameCollisions(type, programs, maps, globals))
                return null;

            var containingTypes = Chain(type).Skip(1).Reverse()
                .Select(container => new ContainingTypeModel(Keyword(container), container.Name)).ToEquatableArray();
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(NamespaceFormat);
            string hintName = string.Join(".", new[] { type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString() }
                .Concat(containingTypes.Select(container => container.Name)).Append(type.Name).Where(part => part is not null)) + ".g.cs";
            return new ProgramClassModel(hintName, ns, containingTypes, type.Name, type.ToDisplayString(FullyQualified),
                programs.ToEquatableArray(), maps.ToEquatableArray(), globals.ToEquatableArray());
        }

        private MapModel? MapModel(IFieldSymbol field, MapViewKind view)
        {
            var mapType = (INamedTypeSymbol)field.Type;
            if (Visibility(mapType) is not { } isPublic)
                return null;
            var arguments = MapKinds.ViewTypeArguments(view, mapType, _semanticModel.Compilation);
            string viewType = MapKinds.ViewTypeName(view) +
                (arguments.Count == 0 ? "" : $"<{string.Join(", ", arguments.Select(argument => argument.ToDisplayString(FullyQualified)))}>");
            return new MapModel(field.Name, ObjectNames.Of(field.Name), view, viewType,
                mapType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), isPublic);
        }

        /// <summary>
        /// The compiler's rule for the globals of a program class (src/EbpfSharp.Compiler/Data/StaticSymbols.cs): an
        /// unmanaged type that is not a pointer, with no initialiser or a constant one. Other statics are host-only.
        /// </summary>
        private bool IsGlobal(IFieldSymbol field)
        {
            var fieldType = field.Type;
            if (!fieldType.IsUnmanagedType || fieldType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter ||
                fieldType.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal)
                return false;
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value })
                    continue;
                if (value.IsKind(SyntaxKind.DefaultLiteralExpression) || value is DefaultExpressionSyntax)
                    return true;
                var model = value.SyntaxTree == _semanticModel.SyntaxTree ? _semanticModel : _semanticModel.Compilation.GetSemanticModel(value.SyntaxTree);
                return model.GetConstantValue(value, _cancellationToken).HasValue;
            }
            return true;
        }

        /// <summary>
        /// EBPF2005: a member named like something the generator writes (<c>Open</c>, <c>Load</c>, the nested classes; in
        /// <c>Loaded</c> its inherited members and the fields behind globals and readers) would clash with it.
        /// </summary>
        private bool HasNoNameCollisions(INamedTypeSymbol type, List<ProgramModel> programs, List<MapModel> maps, List<GlobalModel> globals)
        {
            int before = _diagnostics.Count;
            if (WellKnownNames.ClassMembers.TryGetValue(type.Name, out string? generated))
                Report(DiagnosticDescriptors.NameCollision, type.Locations.FirstOrDefault(), type.Name, type.Name, generated);
            foreach (var member in type.GetMembers())
            {
                if (!member.IsImplicitlyDeclared && WellKnownNames.ClassMembers.TryGetValue(member.Name, out generated))
                    Report(DiagnosticDescriptors.NameCollision, member.Locations.FirstOrDefault(), member.Name, type.Name, generated);
            }

            var backingFields = globals.Select(global => global.Name)
                .Concat(maps.Where(map => map.View is MapViewKind.RingBufferReader or MapViewKind.PerfEventReader).Select(map => map.Name))
                .ToDictionary(name => "_" + name);
            var loadedMembers = programs.Select(program => program.Name).Concat(maps.Select(map => map.Name)).Concat(globals.Select(global => global.Name));
            foreach (string name in loadedMembers)
            {
                generated = WellKnownNames.LoadedMembers.TryGetValue(name, out string? inherited) ? inherited
                    : backingFields.TryGetValue(name, out string? holder) ? $"the field 'Loaded.{name}' that holds '{holder}'"
                    : null;
                if (generated is not null)
                    Report(DiagnosticDescriptors.NameCollision, type.GetMembers(name).FirstOrDefault()?.Locations.FirstOrDefault(), name, type.Name, generated);
            }
            return _diagnostics.Count == before;
        }

        /// <summary>
        /// Whether a type the generated members expose is public (true), visible in the assembly only (false: the
        /// member is internal), or private to some type (null: the member is left out, it could not be declared).
        /// </summary>
        private static bool? Visibility(ITypeSymbol type)
        {
            bool isPublic = true;
            for (var current = type; current is not null; current = current.ContainingType)
            {
                switch (current.DeclaredAccessibility)
                {
                    case Accessibility.Public:
                    case Accessibility.NotApplicable:
                        break;
                    case Accessibility.Internal:
                    case Accessibility.ProtectedOrInternal:
                        isPublic = false;
                        break;
                    default:
                        return null;
                }
            }
            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                foreach (var argument in generic.TypeArguments)
                {
                    switch (Visibility(argument))
                    {
                        case null:
                            return null;
                        case false:
                            isPublic = false;
                            break;
                    }
                }
            }
            return isPublic;
        }

        private static IEnumerable<INamedTypeSymbol> Chain(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
                yield return current;
        }

        private static string Keyword(INamedTypeSymbol type) => type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };


        private static bool IsClrOnly(ISymbol member) =>
            member.GetAttributes().Any(attribute => attribute.AttributeClass is { } attributeClass && IsEbpfSharpType(attributeClass, WellKnownNames.ClrOnlyAttribute));

        private static bool IsEbpfSharpType(INamedTypeSymbol type, string name) =>
            type.MetadataName == name && type.ContainingType is null &&
            type.ContainingNamespace is { Name: WellKnownNames.Namespace, ContainingNamespace.IsGlobalNamespace: true };

        private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }
}
