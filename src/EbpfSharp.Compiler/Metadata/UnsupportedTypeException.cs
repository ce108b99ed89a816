using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>A type with no eBPF layout (a class, or a struct holding references); reported as a diagnostic.</summary>
internal sealed class UnsupportedTypeException(TypeReference type) : Exception($"Type '{type.FullName}' has no eBPF layout.")
{
    public TypeReference Type { get; } = type;
}
