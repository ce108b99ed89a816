namespace EbpfSharp;

/// <summary>
/// Marks a uretprobe program: it runs when function <see cref="Symbol"/> of <see cref="Binary"/> returns
/// (section <c>uretprobe/&lt;binary&gt;:&lt;symbol&gt;</c>, or <c>uretprobe</c> when the host gives the target). The
/// method takes the same parameters as a <see cref="KretprobeAttribute">[Kretprobe]</see> handler.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class UretprobeAttribute : ProgramAttribute
{
    /// <summary>A uretprobe whose target the host gives when it attaches (section <c>uretprobe</c>).</summary>
    public UretprobeAttribute()
    {
    }

    /// <summary>A uretprobe on <paramref name="symbol"/> in <paramref name="binary"/>.</summary>
    public UretprobeAttribute(string binary, string symbol)
    {
        Binary = binary;
        Symbol = symbol;
    }

    /// <summary>The executable or library, or null when the host gives it.</summary>
    public string? Binary { get; }

    /// <summary>The function's symbol, or null when the host gives it.</summary>
    public string? Symbol { get; }

    /// <inheritdoc/>
    public override string SectionName => Binary is null || Symbol is null ? "uretprobe" : $"uretprobe/{Binary}:{Symbol}";
}
