namespace EbpfSharp;

/// <summary>
/// Marks a raw tracepoint program: <c>[RawTracepoint("sys_enter")] public static int Run(RawTracepointContext ctx)</c>.
/// It runs at the named kernel tracepoint with the tracepoint's raw arguments (section <c>raw_tp/&lt;name&gt;</c>).
/// Its return value is ignored.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RawTracepointAttribute(string name) : ProgramAttribute
{
    /// <summary>The tracepoint, as under <c>/sys/kernel/tracing/events/*/</c> (for example <c>sys_enter</c>).</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override string SectionName => $"raw_tp/{Name}";
}
