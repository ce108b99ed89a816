using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>Reads the program-side API's attributes (by name: the compiler never loads that assembly).</summary>
internal static class Attributes
{
    public const string ProgramAttribute = "EbpfSharp.ProgramAttribute";

    /// <summary>The kernel helper id of a [BpfHelper(id)] method.</summary>
    public static int? HelperId(MethodDefinition method) =>
        Find(method, "EbpfSharp.BpfHelperAttribute") is { } attribute ? (int)attribute.ConstructorArguments[0].Value : null;

    /// <summary>The offset and size of a [ContextField] property's getter.</summary>
    public static (int Offset, int Size)? ContextField(MethodDefinition method)
    {
        if (!method.IsGetter)
            return null;
        var property = method.DeclaringType.Properties.FirstOrDefault(candidate => candidate.GetMethod == method);
        var attribute = property?.CustomAttributes.FirstOrDefault(candidate => candidate.AttributeType.FullName == "EbpfSharp.ContextFieldAttribute");
        if (attribute is null)
            return null;
        return ((int)attribute.ConstructorArguments[0].Value, (int)attribute.ConstructorArguments[1].Value);
    }

    public static bool IsNoInlining(MethodDefinition method) => method.NoInlining;

    /// <summary>Whether a method (or the property it belongs to) is marked [ClrOnly]: tests and host code only.</summary>
    public static bool IsClrOnly(MethodDefinition method)
    {
        const string name = "EbpfSharp.ClrOnlyAttribute";
        if (Find(method, name) is not null)
            return true;
        var property = method.DeclaringType.Properties.FirstOrDefault(candidate => candidate.GetMethod == method || candidate.SetMethod == method);
        return property?.CustomAttributes.Any(attribute => attribute.AttributeType.FullName == name) == true;
    }

    /// <summary>The program attribute on a method (any attribute deriving from EbpfSharp.ProgramAttribute).</summary>
    public static CustomAttribute? Program(MethodDefinition method) =>
        method.CustomAttributes.FirstOrDefault(attribute => DerivesFrom(attribute.AttributeType, ProgramAttribute));

    public static string? License(TypeDefinition type) =>
        type.CustomAttributes.FirstOrDefault(attribute => attribute.AttributeType.FullName == "EbpfSharp.LicenseAttribute")?.ConstructorArguments[0].Value as string;

    private static CustomAttribute? Find(MethodDefinition method, string name) =>
        method.CustomAttributes.FirstOrDefault(attribute => attribute.AttributeType.FullName == name);

    private static bool DerivesFrom(TypeReference type, string baseName)
    {
        for (var current = type; current is not null;)
        {
            if (current.FullName == baseName)
                return true;
            TypeDefinition? definition;
            try
            {
                definition = current.Resolve();
            }
            catch (AssemblyResolutionException)
            {
                return false;
            }
            current = definition?.BaseType;
        }
        return false;
    }
}
