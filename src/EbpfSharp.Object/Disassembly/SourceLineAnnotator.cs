using EbpfSharp.Object.Btf;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// Chooses the <c>; &lt;line&gt; @ &lt;file&gt;:&lt;n&gt;</c> comments for one code section the way the kernel
/// verifier log does (kernel/bpf/log.c, verbose_linfo): the line_info record covering an instruction is the
/// last one at or before it; it is printed when it differs from the previous record in file or line number,
/// with the line text left-trimmed and only the file's base name.
/// </summary>
internal sealed class SourceLineAnnotator
{
    private readonly BtfLineInfo[] _records;
    private BtfLineInfo? _previous;
    private int _next;

    public SourceLineAnnotator(IEnumerable<BtfLineInfo> records) =>
        _records = records.OrderBy(record => record.InstructionOffset).ToArray();

    /// <summary>The comment to print before the instruction at byte <paramref name="offset"/>, or null. Call in increasing offset order.</summary>
    public string? Before(ulong offset)
    {
        BtfLineInfo? covering = _previous;
        while (_next < _records.Length && _records[_next].InstructionOffset <= offset)
            covering = _records[_next++];
        if (covering is null || ReferenceEquals(covering, _previous))
            return null;
        var previous = _previous;
        _previous = covering;
        if (previous is not null && previous.FileName == covering.FileName && previous.LineNumber == covering.LineNumber)
            return null;
        string text = covering.LineText.TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
        string file = covering.FileName[(covering.FileName.LastIndexOf('/') + 1)..];
        return $"; {text} @ {file}:{covering.LineNumber}";
    }
}
