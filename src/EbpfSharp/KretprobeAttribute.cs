namespace EbpfSharp;

/// <summary>
/// Marks a kretprobe program: it runs when kernel function <see cref="Function"/> returns (section
/// <c>kretprobe/&lt;function&gt;</c>). The method takes <c>PtRegs* regs</c> (read <c>regs-&gt;ReturnValue</c>), or one
/// typed parameter that receives the return value (like libbpf's <c>BPF_KRETPROBE</c>), optionally after a
/// leading <c>PtRegs*</c>. It returns <c>int</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class KretprobeAttribute(string function) : ProgramAttribute
{
    /// <summary>The kernel function, as in /proc/kallsyms.</summary>
    public string Function { get; } = function;

    /// <inheritdoc/>
    public override string SectionName => $"kretprobe/{Function}";
}
