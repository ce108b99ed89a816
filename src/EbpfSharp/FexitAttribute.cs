namespace EbpfSharp;

/// <summary>
/// Marks an fexit program: it runs when kernel function <see cref="Function"/> returns, through a BPF
/// trampoline (section <c>fexit/&lt;function&gt;</c>). Typed parameters receive the function's arguments in
/// order, and one more parameter after them receives its return value (like libbpf's <c>BPF_PROG</c>). It
/// returns <c>int</c> (use 0).
/// </summary>
/// <example><code>
/// [Fexit("do_unlinkat")]
/// public static int OnUnlinked(int dfd, ulong name, int result) { ... return 0; }
/// </code></example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class FexitAttribute(string function) : ProgramAttribute
{
    /// <summary>The kernel function, as named in the kernel's BTF.</summary>
    public string Function { get; } = function;

    /// <inheritdoc/>
    public override string SectionName => $"fexit/{Function}";
}
