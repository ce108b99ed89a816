namespace EbpfSharp.Runtime;

/// <summary>
/// A <c>[Uprobe]</c> or <c>[Uretprobe]</c> program of a generated class: <see cref="Attach(int?)"/> attaches it to
/// the binary and symbol the attribute names, <see cref="Attach(string, string, int?, ulong)"/> to any function of
/// a user-space binary.
/// </summary>
public sealed class UprobeProgram : ProgramHandle
{
    /// <summary>Wraps a loaded uprobe program owned by <paramref name="owner"/> (the generated classes call this).</summary>
    /// <param name="owner">The loaded object that tracks the links.</param>
    /// <param name="program">The program.</param>
    /// <param name="binary">The binary the attribute names, or null when it names none (<c>[Uprobe]</c>).</param>
    /// <param name="symbol">The function the attribute names, or null when it names none.</param>
    /// <param name="offset">Bytes past the function's start (the attribute's <c>Offset</c>); 0 for a return probe.</param>
    /// <param name="isReturnProbe">Whether the attribute is <c>[Uretprobe]</c>: the program runs when the function returns.</param>
    public UprobeProgram(LoadedObject owner, BpfProgram program, string? binary, string? symbol, ulong offset, bool isReturnProbe)
        : base(owner, program)
    {
        if ((binary is null) != (symbol is null) || binary is "" || symbol is "")
            throw new ArgumentException("A uprobe's attribute names both a binary and a symbol, or neither.", binary is null or "" ? nameof(binary) : nameof(symbol));
        if (isReturnProbe && offset != 0)
            throw new ArgumentException("A return probe fires on the function's return; it takes no offset.", nameof(offset));
        Binary = binary;
        Symbol = symbol;
        Offset = offset;
        IsReturnProbe = isReturnProbe;
    }

    /// <summary>The binary the attribute names (a path, or a library name such as <c>libc.so.6</c>), or null when it names none.</summary>
    public string? Binary { get; }

    /// <summary>The function the attribute names, or null when it names none.</summary>
    public string? Symbol { get; }

    /// <summary>Bytes past the function's start where the probe goes (the attribute's <c>Offset</c>); 0 for the entry and for return probes.</summary>
    public ulong Offset { get; }

    /// <summary>Whether this is a <c>[Uretprobe]</c>: it runs when the function returns.</summary>
    public bool IsReturnProbe { get; }

    /// <summary>
    /// Attaches the program to <see cref="Symbol"/> in <see cref="Binary"/> (plus <see cref="Offset"/>), at its
    /// entry or its return; dispose the link to detach.
    /// </summary>
    /// <param name="processId">Only fire in this process; null for every process that maps the binary.</param>
    /// <exception cref="InvalidOperationException">The attribute names no binary and symbol: pass them to <see cref="Attach(string, string, int?, ulong)"/>.</exception>
    /// <exception cref="BpfNotFoundException">The binary, the symbol or the process does not exist.</exception>
    public BpfLink Attach(int? processId = null)
    {
        if (Binary is null || Symbol is null)
        {
            string attribute = IsReturnProbe ? "Uretprobe" : "Uprobe";
            throw new InvalidOperationException(
                $"'{Name}' has [{attribute}] without a binary and symbol, so it does not know where to attach. " +
                $"Pass them: {Name}.Attach(\"/path/to/binary\", \"function\"), or name them in the attribute: [{attribute}(\"/path/to/binary\", \"function\")].");
        }
        return Track(Program.AttachUprobe(Binary, Symbol, processId, Offset, IsReturnProbe));
    }

    /// <summary>
    /// Attaches the program to function <paramref name="symbol"/> of the executable or shared library
    /// <paramref name="binary"/> (plus <paramref name="offset"/> bytes), at its entry or, for a <c>[Uretprobe]</c>,
    /// its return; dispose the link to detach.
    /// </summary>
    /// <param name="binary">The ELF binary.</param>
    /// <param name="symbol">The function's symbol name.</param>
    /// <param name="processId">Only fire in this process; null for every process that maps the binary.</param>
    /// <param name="offset">Bytes past the function's start (entry probes only).</param>
    /// <exception cref="ArgumentException">An offset for a return probe.</exception>
    /// <exception cref="BpfNotFoundException">The binary, the symbol or the process does not exist.</exception>
    public BpfLink Attach(string binary, string symbol, int? processId = null, ulong offset = 0) =>
        Track(Program.AttachUprobe(binary, symbol, processId, offset, IsReturnProbe));
}
