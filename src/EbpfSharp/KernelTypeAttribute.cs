namespace EbpfSharp;

/// <summary>
/// Declares a kernel struct, union or enum by its name in the kernel's BTF, with only the members the program
/// uses (CO-RE, "compile once, run everywhere"). The compiler records each member access as a CO-RE relocation
/// and writes the local offsets; at load the runtime moves them to the running kernel's layout from
/// /sys/kernel/btf/vmlinux. Members match kernel members by name: a field named in PascalCase matches the
/// snake_case kernel name (<c>RealParent</c> → <c>real_parent</c>), and <see cref="KernelNameAttribute"/> names
/// one exactly. Enum members match by their exact name or their <see cref="KernelNameAttribute"/>.
/// </summary>
/// <remarks>
/// Reading a field through a pointer to a kernel type (<c>task-&gt;RealParent-&gt;Tgid</c>) compiles to
/// <c>bpf_probe_read_kernel</c> at the relocated offset, as libbpf's <c>BPF_CORE_READ</c> does, so it works in
/// every tracing program and reads 0 where the kernel faults. Kernel memory is read-only: writing a field of a
/// kernel type is a compile error. On the CLR the struct is plain memory, so tests build one and pass its address.
/// </remarks>
/// <example><code>
/// [KernelType("task_struct")]
/// public unsafe struct TaskStruct { public int Pid; public int Tgid; public TaskStruct* RealParent; }
/// </code></example>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Enum, Inherited = false)]
public sealed class KernelTypeAttribute(string name) : Attribute
{
    /// <summary>The type's name in the kernel's BTF (a <c>___suffix</c> is ignored when matching, as in libbpf).</summary>
    public string Name { get; } = name;
}
