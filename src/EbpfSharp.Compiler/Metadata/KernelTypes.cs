using System.Text;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>
/// [KernelType] structs, unions and enums (CO-RE): their kernel names, their members in BTF order and the kernel
/// name of each member. A member's index in <see cref="Members"/> is its index in the access strings of CO-RE
/// relocations, so the BTF writer and the importer both take members from here.
/// </summary>
internal static class KernelTypes
{
    private const string KernelTypeAttribute = "EbpfSharp.KernelTypeAttribute";
    private const string KernelNameAttribute = "EbpfSharp.KernelNameAttribute";

    /// <summary>The kernel name of a [KernelType] struct or enum, or null for other types.</summary>
    public static string? KernelName(TypeReference type)
    {
        if (type.IsPointer || type.IsByReference || type.IsArray || type.IsGenericParameter || type.IsFunctionPointer)
            return null;
        TypeDefinition? definition;
        try
        {
            definition = type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
        return definition?.CustomAttributes.FirstOrDefault(attribute => attribute.AttributeType.FullName == KernelTypeAttribute)?.ConstructorArguments[0].Value as string;
    }

    public static bool IsKernelType(TypeReference type) => KernelName(type) is not null;

    /// <summary>A [KernelType] struct (not an enum).</summary>
    public static bool IsKernelStruct(TypeReference type) => IsKernelType(type) && TypeLayouts.IsStruct(type);

    /// <summary>
    /// A member's kernel name: its [KernelName], or the C# name from PascalCase to snake_case (<c>RealParent</c> →
    /// <c>real_parent</c>; a name already in snake_case stays).
    /// </summary>
    public static string MemberName(FieldDefinition field) => ExplicitName(field) ?? SnakeCase(field.Name);

    /// <summary>An enumerator's kernel name: its [KernelName], or its exact C# name.</summary>
    public static string EnumeratorName(FieldDefinition field) => ExplicitName(field) ?? field.Name;

    public static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                char previous = i > 0 ? name[i - 1] : '_';
                bool nextIsLower = i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]);
                // "RealParent" → real_parent; "IPAddress" → ip_address; "Ipv6Addr" → ipv6_addr.
                if (previous != '_' && (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous) || char.IsAsciiLetterUpper(previous) && nextIsLower))
                    result.Append('_');
                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    /// <summary>The instance fields in BTF order: by offset (the kernel wants struct members in increasing offsets), then declaration.</summary>
    public static IReadOnlyList<FieldDefinition> Members(TypeReference type, TypeLayouts layouts)
    {
        var definition = type.Resolve();
        return [.. definition.Fields.Where(field => !field.IsStatic)
            .Select((field, order) => (field, order))
            .OrderBy(pair => layouts.OffsetOf(type, pair.field.Name)).ThenBy(pair => pair.order)
            .Select(pair => pair.field)];
    }

    /// <summary>A struct with explicit layout whose fields all start at 0 describes a kernel union.</summary>
    public static bool IsUnion(TypeReference type, TypeLayouts layouts)
    {
        var definition = type.Resolve();
        var fields = definition.Fields.Where(field => !field.IsStatic).ToList();
        return definition.IsExplicitLayout && fields.Count > 1 && fields.All(field => layouts.OffsetOf(type, field.Name) == 0);
    }

    /// <summary>The enumerators (literal fields) in declaration order: an enumerator's index is its ENUMVAL access string.</summary>
    public static IReadOnlyList<FieldDefinition> Enumerators(TypeReference type) =>
        [.. type.Resolve().Fields.Where(field => field.IsStatic && field.HasConstant)];

    /// <summary>An enumerator's value as a 64-bit integer (an unsigned 64-bit value keeps its bits).</summary>
    public static long EnumeratorValue(FieldDefinition field) => field.Constant switch
    {
        ulong value => unchecked((long)value),
        var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>For a fixed buffer field (<c>fixed byte Comm[16]</c>): its element type and length.</summary>
    public static (TypeReference Element, int Length)? FixedBuffer(FieldDefinition field)
    {
        var attribute = field.CustomAttributes.FirstOrDefault(candidate => candidate.AttributeType.FullName == "System.Runtime.CompilerServices.FixedBufferAttribute");
        return attribute is null ? null : ((TypeReference)attribute.ConstructorArguments[0].Value, (int)attribute.ConstructorArguments[1].Value);
    }

    /// <summary>Why a [KernelType] struct cannot be described for CO-RE, or null when it can.</summary>
    public static string? Problem(TypeReference type)
    {
        var definition = type.Resolve();
        if (definition.HasGenericParameters || type.IsGenericInstance)
            return $"[KernelType] struct '{type.Name}' is generic; kernel types are plain structs.";
        if (definition.IsEnum)
            return null;
        foreach (var field in definition.Fields.Where(field => !field.IsStatic))
        {
            var fieldType = field.FieldType;
            bool fits = TypeLayouts.Scalar(fieldType) is not null && !TypeLayouts.IsFloatingPoint(fieldType)
                || FixedBuffer(field) is not null
                || IsKernelStruct(fieldType);
            if (!fits)
                return $"Field '{field.Name}' of [KernelType] struct '{type.Name}' has type '{fieldType.Name}'. Kernel type fields are integers, bool, enums, pointers, fixed buffers or other [KernelType] structs; mark an embedded struct [KernelType(\"its_kernel_name\")].";
        }
        return null;
    }

    private static string? ExplicitName(FieldDefinition field) =>
        field.CustomAttributes.FirstOrDefault(attribute => attribute.AttributeType.FullName == KernelNameAttribute)?.ConstructorArguments[0].Value as string;
}
