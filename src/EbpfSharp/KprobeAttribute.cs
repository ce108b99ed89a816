namespace EbpfSharp;

/// <summary>
/// Marks a kprobe program: it runs when the kernel enters function <see cref="Function"/> (section
/// <c>kprobe/&lt;function&gt;[+offset]</c>). The method takes either <c>PtRegs* regs</c>, or typed parameters
/// that receive the probed function's arguments in order (like libbpf's <c>BPF_KPROBE</c>), optionally after a
/// leading <c>PtRegs*</c>. It returns <c>int</c>, which the kernel ignores.
/// </summary>
/// <example><code>
/// [Kprobe("do_sys_openat2")]
/// public static int OnOpen(int dfd, byte* filename) { ... return 0; }
/// </code></example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class KprobeAttribute(string function) : ProgramAttribute
{
    /// <summary>The kernel function, as in /proc/kallsyms.</summary>
    public string Function { get; } = function;

    /// <summary>Bytes past the function's first instruction at which to probe (0: its entry).</summary>
    public ulong Offset { get; init; }

    /// <inheritdoc/>
    public override string SectionName => Offset == 0 ? $"kprobe/{Function}" : $"kprobe/{Function}+0x{Offset:x}";
}
