namespace EbpfSharp;

/// <summary>
/// Marks a tracepoint program: it runs at the kernel's static tracepoint <see cref="Category"/>/<see cref="Name"/>
/// (section <c>tracepoint/&lt;category&gt;/&lt;name&gt;</c>). The method takes one pointer to a struct laid out as the
/// tracepoint's record (<c>/sys/kernel/tracing/events/&lt;category&gt;/&lt;name&gt;/format</c>, starting with the
/// 8-byte <see cref="TraceEntry"/>); <c>ebpfsharp tracepoint &lt;category&gt;/&lt;name&gt;</c> writes that struct. It
/// returns <c>int</c>.
/// </summary>
/// <example><code>
/// [Tracepoint("syscalls", "sys_enter_openat")]
/// public static int OnOpenat(SysEnterOpenat* args) { ... return 0; }
/// </code></example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TracepointAttribute(string category, string name) : ProgramAttribute
{
    /// <summary>The tracepoint's category (its directory under events/), such as <c>syscalls</c>.</summary>
    public string Category { get; } = category;

    /// <summary>The tracepoint's name, such as <c>sys_enter_openat</c>.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override string SectionName => $"tracepoint/{Category}/{Name}";
}
