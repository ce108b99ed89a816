namespace EbpfSharp;

/// <summary>
/// Marks a context property whose value the program reads from the kernel's context structure: the
/// compiler turns its getter into one load of <paramref name="size"/> bytes at <paramref name="offset"/>
/// from the context pointer, and never reads the getter's body, which is the managed implementation.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ContextFieldAttribute(int offset, int size = 4) : Attribute
{
    /// <summary>Byte offset in the kernel's context structure (for XDP, <c>struct xdp_md</c>).</summary>
    public int Offset { get; } = offset;

    /// <summary>Load size in bytes.</summary>
    public int Size { get; } = size;
}
