namespace EbpfSharp.Compiler.Ir;

/// <summary>
/// A piece of the 512-byte stack: a local whose address is taken, a struct temporary, a stackalloc, or a
/// register spill. Its place below R10 is decided after register allocation.
/// </summary>
internal sealed class FrameObject(string name, int size)
{
    public string Name { get; } = name;

    public int Size { get; } = size;

    /// <summary>Whether the object must be zeroed where its scope begins (locals of a method with localsinit).</summary>
    public bool ZeroInitialize { get; set; }

    /// <summary>The object's start as a negative offset from R10, once laid out.</summary>
    public int Offset { get; set; }
}
