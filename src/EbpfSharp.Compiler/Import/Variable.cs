using EbpfSharp.Compiler.Metadata;

namespace EbpfSharp.Compiler.Import;

/// <summary>A value that lives in SSA form: a local, an argument, a struct field of a promoted local, or a stack slot at a block boundary.</summary>
internal sealed class Variable(string name, ScalarType type)
{
    public string Name { get; } = name;

    public ScalarType Type { get; } = type;

    public override string ToString() => Name;
}
