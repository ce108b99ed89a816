namespace EbpfSharp;

/// <summary>
/// The exact kernel name of a field of a <see cref="KernelTypeAttribute">[KernelType]</see> struct, or of an
/// enumerator of a kernel enum, where the default name mapping does not give it (for example
/// <c>[KernelName("__state")] public uint State;</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class KernelNameAttribute(string name) : Attribute
{
    /// <summary>The member's name in the kernel's BTF.</summary>
    public string Name { get; } = name;
}
