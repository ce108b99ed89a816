using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

/// <summary>
/// An IL local or argument of one imported method instance. It lives in SSA variables (one per scalar it
/// holds, by offset) unless its address escapes, in which case it gets a <see cref="Frame"/> on the stack.
/// An argument may instead alias what the caller passed (a promoted local's address, a string literal).
/// </summary>
internal sealed class LocalSlot(string key, string name, TypeReference type)
{
    private readonly Dictionary<int, Variable> _leaves = [];

    /// <summary>Identifies the local across re-imports: method token and index.</summary>
    public string Key { get; } = key;

    public string Name { get; } = name;

    public TypeReference Type { get; } = type;

    public FrameObject? Frame { get; set; }

    /// <summary>The block where the local's scope begins: its variables read as zero from here.</summary>
    public IrBlock EntryBlock { get; set; } = null!;

    public StackEntry? Alias { get; set; }

    public IReadOnlyDictionary<int, Variable> Leaves => _leaves;

    /// <summary>The variable for the scalar at <paramref name="offset"/>, or null if the access does not match one.</summary>
    public Variable? Leaf(int offset, ScalarType type, out bool created)
    {
        created = false;
        if (_leaves.TryGetValue(offset, out var known))
            return known.Type.Size == type.Size ? known : null;
        if (_leaves.Keys.Any(start => start < offset + type.Size && offset < start + _leaves[start].Type.Size))
            return null;
        created = true;
        return _leaves[offset] = new Variable($"{Name}+{offset}", type);
    }
}
