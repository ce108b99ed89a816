namespace EbpfSharp;

/// <summary>
/// Marks a method as a kernel helper: the compiler turns a call to it into <c>call <see cref="Id"/></c>
/// with the arguments in R1–R5, and never reads its body, which is the managed implementation used on the
/// CLR. A <see cref="string"/> parameter takes a string literal, passed as a pointer to a NUL-terminated
/// copy in <c>.rodata</c> followed by its size in bytes.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class BpfHelperAttribute(int id) : Attribute
{
    /// <summary>The helper's number (kernel: include/uapi/linux/bpf.h, enum bpf_func_id).</summary>
    public int Id { get; } = id;
}
