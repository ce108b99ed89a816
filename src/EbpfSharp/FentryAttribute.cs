namespace EbpfSharp;

/// <summary>
/// Marks an fentry program: it runs when the kernel enters function <see cref="Function"/>, through a BPF
/// trampoline found by the kernel's BTF (section <c>fentry/&lt;function&gt;</c>; needs /sys/kernel/btf/vmlinux).
/// Typed parameters receive the function's arguments in order (like libbpf's <c>BPF_PROG</c>); each is read
/// as 64 bits and narrowed to the parameter's type. It returns <c>int</c> (use 0).
/// </summary>
/// <example><code>
/// [Fentry("do_unlinkat")]
/// public static int OnUnlink(int dfd, ulong name) { ... return 0; }
/// </code></example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class FentryAttribute(string function) : ProgramAttribute
{
    /// <summary>The kernel function, as named in the kernel's BTF.</summary>
    public string Function { get; } = function;

    /// <inheritdoc/>
    public override string SectionName => $"fentry/{Function}";
}
