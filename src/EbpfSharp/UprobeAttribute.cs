namespace EbpfSharp;

/// <summary>
/// Marks a uprobe program: it runs when a process enters function <see cref="Symbol"/> of the executable or
/// shared library <see cref="Binary"/> (section <c>uprobe/&lt;binary&gt;:&lt;symbol&gt;[+offset]</c>). With no
/// arguments (section <c>uprobe</c>) the host chooses the target when it attaches. The method takes the same
/// parameters as a <see cref="KprobeAttribute">[Kprobe]</see> handler: <c>PtRegs* regs</c>, or typed arguments.
/// </summary>
/// <example><code>
/// [Uprobe("/usr/lib/x86_64-linux-gnu/libc.so.6", "malloc")]
/// public static int OnMalloc(ulong size) { ... return 0; }
/// </code></example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class UprobeAttribute : ProgramAttribute
{
    /// <summary>A uprobe whose target the host gives when it attaches (section <c>uprobe</c>).</summary>
    public UprobeAttribute()
    {
    }

    /// <summary>A uprobe on <paramref name="symbol"/> in <paramref name="binary"/>.</summary>
    /// <param name="binary">An absolute path, or a library name such as <c>libc.so.6</c> found in the usual library directories.</param>
    /// <param name="symbol">The function's symbol name.</param>
    public UprobeAttribute(string binary, string symbol)
    {
        Binary = binary;
        Symbol = symbol;
    }

    /// <summary>The executable or library, or null when the host gives it.</summary>
    public string? Binary { get; }

    /// <summary>The function's symbol, or null when the host gives it.</summary>
    public string? Symbol { get; }

    /// <summary>Bytes past the function's first instruction at which to probe (0: its entry).</summary>
    public ulong Offset { get; init; }

    /// <inheritdoc/>
    public override string SectionName => Binary is null || Symbol is null
        ? "uprobe"
        : Offset == 0 ? $"uprobe/{Binary}:{Symbol}" : $"uprobe/{Binary}:{Symbol}+0x{Offset:x}";
}
