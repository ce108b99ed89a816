namespace EbpfSharp.Corpus.Maps;

/// <summary>
/// Puts the marked program in slot <paramref name="slot"/> of the class's <see cref="ProgramArray"/> field named
/// <paramref name="programArray"/>, as a host would before running the class's programs. The differential harness
/// does it on both sides: <see cref="ProgramArray.Set"/> on the CLR, the loaded program's descriptor in the kernel's
/// map. (A program array's contents are program descriptors, so they cannot be copied from the CLR side.)
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ProgramArraySlotAttribute(string programArray, uint slot) : Attribute
{
    /// <summary>The name of the <see cref="ProgramArray"/> field.</summary>
    public string ProgramArray { get; } = programArray;

    /// <summary>The slot index.</summary>
    public uint Slot { get; } = slot;
}
