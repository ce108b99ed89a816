namespace EbpfSharp;

// bpf_trace_printk (kernel: kernel/trace/bpf_trace.c) and where its lines go on the CLR.
public static unsafe partial class Bpf
{
    private static TextWriter _traceOutput = TextWriter.Null;

    /// <summary>
    /// Where <see cref="Printk(string)"/> writes on the CLR, one line per call. The default discards the lines,
    /// as the kernel's trace buffer keeps them out of sight until someone reads
    /// /sys/kernel/tracing/trace_pipe; set it to <see cref="Console.Error"/> to see them, or to a
    /// <see cref="StringWriter"/> to test them. Writes are serialized.
    /// </summary>
    public static TextWriter TraceOutput
    {
        get => _traceOutput;
        set => _traceOutput = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Writes <paramref name="format"/> to the kernel's trace buffer (<c>bpf_trace_printk</c>, GPL-only). For
    /// debugging: it is slow and the buffer is shared by the whole system.
    /// </summary>
    /// <param name="format">A string literal of printable ASCII; <c>%%</c> is a percent sign.</param>
    /// <returns>The length of the formatted text, or −EINVAL (−22) when the format is invalid.</returns>
    [BpfHelper(6)]
    public static long Printk(string format) => TracePrintk(format, 0, 0, 0);

    /// <summary>
    /// Formats <paramref name="a"/> into <paramref name="format"/> and writes the line to the kernel's trace
    /// buffer (<c>bpf_trace_printk</c>, GPL-only). The conversions are the kernel's: <c>%d %i %u %x %X</c> on the low 32
    /// bits, <c>%ld %li %lu %lx %lld %lli %llu %llx</c> on all 64, <c>%c</c> on the low byte, each with optional
    /// <c>0 - + space</c> flags and a width; at most three conversions. <c>%s</c> and <c>%p</c> read kernel memory
    /// and have no CLR implementation.
    /// </summary>
    /// <param name="format">A string literal of printable ASCII.</param>
    /// <param name="a">The first conversion's value.</param>
    /// <returns>The length of the formatted text (what vsnprintf returns, even past the kernel's 1024-byte buffer),
    /// or −EINVAL (−22) when the format is invalid.</returns>
    /// <exception cref="NotSupportedException">On the CLR, the format uses <c>%s</c> or <c>%p</c>.</exception>
    [BpfHelper(6)]
    public static long Printk(string format, ulong a) => TracePrintk(format, a, 0, 0);

    /// <summary>Formats <paramref name="a"/> and <paramref name="b"/> into <paramref name="format"/>; see <see cref="Printk(string, ulong)"/>.</summary>
    /// <param name="format">A string literal of printable ASCII.</param>
    /// <param name="a">The first conversion's value.</param>
    /// <param name="b">The second conversion's value.</param>
    /// <returns>The length of the formatted text, or −EINVAL (−22) when the format is invalid.</returns>
    /// <exception cref="NotSupportedException">On the CLR, the format uses <c>%s</c> or <c>%p</c>.</exception>
    [BpfHelper(6)]
    public static long Printk(string format, ulong a, ulong b) => TracePrintk(format, a, b, 0);

    /// <summary>Formats <paramref name="a"/>, <paramref name="b"/> and <paramref name="c"/> into <paramref name="format"/>; see <see cref="Printk(string, ulong)"/>.</summary>
    /// <param name="format">A string literal of printable ASCII.</param>
    /// <param name="a">The first conversion's value.</param>
    /// <param name="b">The second conversion's value.</param>
    /// <param name="c">The third conversion's value.</param>
    /// <returns>The length of the formatted text, or −EINVAL (−22) when the format is invalid.</returns>
    /// <exception cref="NotSupportedException">On the CLR, the format uses <c>%s</c> or <c>%p</c>.</exception>
    [BpfHelper(6)]
    public static long Printk(string format, ulong a, ulong b, ulong c) => TracePrintk(format, a, b, c);

    private static long TracePrintk(string format, ulong a, ulong b, ulong c)
    {
        ArgumentNullException.ThrowIfNull(format);
        var result = TracePrintkFormat.Format(format, [a, b, c]);
        if (result.Error != 0)
            return -result.Error;
        var writer = _traceOutput;
        lock (writer)
        {
            // One trace event per call; the trace adds the line break when the text has none.
            writer.Write(result.Line);
            if (!result.Line.EndsWith('\n'))
                writer.Write('\n');
            writer.Flush();
        }
        return result.Length;
    }
}
