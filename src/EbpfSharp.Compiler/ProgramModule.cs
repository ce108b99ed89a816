using System.Text;
using EbpfSharp.Compiler.Data;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler;

/// <summary>
/// What the functions of one object share while they compile: type layouts, debug information, the
/// subprograms they call (compiled once each, into <c>.text</c>), the string literals they pass to
/// helpers (in <c>.rodata</c>), and the maps and globals they use.
/// </summary>
internal sealed class ProgramModule
{
    private readonly Dictionary<MethodDefinition, string> _subprograms = [];
    private readonly Queue<MethodDefinition> _pending = [];
    private readonly HashSet<string> _symbols = [];

    public ProgramModule(CompilerOptions options, TypeLayouts layouts, DebugInfo debug)
    {
        Options = options;
        Layouts = layouts;
        Debug = debug;
        Statics = new StaticSymbols(layouts, Symbol);
    }

    public CompilerOptions Options { get; }

    public TypeLayouts Layouts { get; }

    public DebugInfo Debug { get; }

    /// <summary>Maps and globals: static fields the programs use, and those of the program class.</summary>
    public StaticSymbols Statics { get; }

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
