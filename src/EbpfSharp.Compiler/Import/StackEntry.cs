using EbpfSharp.Compiler.Ir;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

/// <summary>One slot of the IL evaluation stack during import.</summary>
internal abstract record StackEntry
{
    public virtual StackKind Kind => StackKind.Special;
}

/// <summary>A register value.</summary>
internal sealed record ValueEntry(IrValue Value, StackKind ValueKind) : StackEntry
{
    public override StackKind Kind => ValueKind;
}

/// <summary>
/// The address of (part of) a local that lives in SSA variables: loads and stores through it become
/// variable reads and writes; any other use makes the local live on the stack instead.
/// </summary>
internal sealed record LocalAddressEntry(LocalSlot Slot, int Offset) : StackEntry;

/// <summary>A struct value, held in memory at <paramref name="Address"/>.</summary>
internal sealed record StructEntry(IrValue Address, TypeReference Type) : StackEntry;

/// <summary>A string literal, usable only as a helper's format argument.</summary>
internal sealed record StringEntry(string Text) : StackEntry;
