using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>
/// A type with no eBPF layout (a class, a struct holding references, or float/double, alone or inside a struct);
/// reported as a diagnostic.
/// </summary>
internal sealed class UnsupportedTypeException(TypeReference type, string? floatingPointField = null) : Exception($"Type '{type.FullName}' has no eBPF layout.")
{
    public TypeReference Type { get; } = type;

    /// <summary>The floating-point field that makes the type unusable (the type's own name for float and double), or null.</summary>
    public string? FloatingPointField { get; } = floatingPointField;

    /// <summary>What to tell the user about the floating point in the type, or null when that is not the problem.</summary>
    public string? FloatingPointMessage(string what) => FloatingPointField is null
        ? null
        : FloatingPointField == Type.Name
            ? $"{what} is a {Type.Name}; eBPF has no floating point. Use integers (for example, fixed point with a scale factor)."
            : $"{what} has type '{Type.Name}', whose field '{FloatingPointField}' is floating point; eBPF has no float or double. Use integers (for example, fixed point with a scale factor).";
}
