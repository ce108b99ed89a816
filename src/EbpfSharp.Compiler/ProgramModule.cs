using System.Text;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler;

/// <summary>
/// What the functions of one object share while they compile: type layouts, debug information, the
/// subprograms they call (compiled once each, into <c>.text</c>) and the string literals they pass to
/// helpers (in <c>.rodata</c>).
/// </summary>
internal sealed class ProgramModule(CompilerOptions options, TypeLayouts layouts, DebugInfo debug)
{
    private readonly Dictionary<MethodDefinition, string> _subprograms = [];
    private readonly Queue<MethodDefinition> _pending = [];
    private readonly HashSet<string> _symbols = [];

    public CompilerOptions Options { get; } = options;

    public TypeLayouts Layouts { get; } = layouts;

    public DebugInfo Debug { get; } = debug;

    /// <summary>String literals by text: symbol and size with the NUL.</summary>
    public Dictionary<string, (string Symbol, int Length)> Strings { get; } = [];

    public IReadOnlyDictionary<MethodDefinition, string> Subprograms => _subprograms;

    /// <summary>Reserves a kernel-legal, unique symbol for a name.</summary>
    public string Symbol(string name)
    {
        var legal = new StringBuilder();
        foreach (char c in name)
            legal.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (legal.Length == 0 || char.IsAsciiDigit(legal[0]))
            legal.Insert(0, '_');
        string symbol = legal.ToString();
        for (int suffix = 2; !_symbols.Add(symbol); suffix++)
            symbol = $"{legal}_{suffix}";
        return symbol;
    }

    public string RequestSubprogram(MethodDefinition method)
    {
        if (_subprograms.TryGetValue(method, out var symbol))
            return symbol;
        symbol = Symbol($"{method.DeclaringType.Name}_{method.Name}");
        _subprograms[method] = symbol;
        _pending.Enqueue(method);
        return symbol;
    }

    public bool TryTakePending(out MethodDefinition method) => _pending.TryDequeue(out method!);

    public (string Symbol, int Length) InternString(string text)
    {
        if (!Strings.TryGetValue(text, out var known))
            Strings[text] = known = (Symbol($"ebpfsharp_str_{Strings.Count}"), Encoding.UTF8.GetByteCount(text) + 1);
        return known;
    }
}
