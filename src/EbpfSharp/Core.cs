namespace EbpfSharp;

/// <summary>
/// CO-RE questions about the running kernel's types, answered when the object is loaded (relocations applied
/// by the runtime against /sys/kernel/btf/vmlinux), so a program can branch on them: the branch not taken is
/// removed by the verifier's dead-code pass. Each takes <see cref="KernelTypeAttribute">[KernelType]</see> types.
/// On the CLR each answers for the declared types, as if the kernel matched them.
/// </summary>
/// <example><code>
/// if (Core.FieldExists(&amp;task-&gt;LoginUid)) uid = task-&gt;LoginUid;
/// </code></example>
public static unsafe class Core
{
    /// <summary>
    /// Whether the running kernel's type has the field whose address is given, as <c>&amp;pointer-&gt;Field</c>
    /// through a pointer to a kernel type (<c>bpf_core_field_exists</c>). Nothing is read.
    /// </summary>
    public static bool FieldExists(void* field) => true;

    /// <summary>Whether the running kernel has kernel type <typeparamref name="T"/> (<c>bpf_core_type_exists</c>).</summary>
    public static bool TypeExists<T>() where T : unmanaged => true;

    /// <summary>The size in bytes of kernel type <typeparamref name="T"/> in the running kernel (<c>bpf_core_type_size</c>).</summary>
    public static uint TypeSize<T>() where T : unmanaged => (uint)sizeof(T);

    /// <summary>Whether the running kernel's enum has enumerator <paramref name="value"/> (<c>bpf_core_enum_value_exists</c>).</summary>
    public static bool EnumValueExists<TEnum>(TEnum value) where TEnum : unmanaged, Enum => true;

    /// <summary>The value of enumerator <paramref name="value"/> in the running kernel (<c>bpf_core_enum_value</c>).</summary>
    public static long EnumValue<TEnum>(TEnum value) where TEnum : unmanaged, Enum => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}
