using EbpfSharp.Compiler.Ir;
using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler.Import;

/// <summary>A basic block of IL and the IR block its import starts in.</summary>
internal sealed class IlBlock(Instruction first)
{
    public Instruction First { get; } = first;

    public List<Instruction> Instructions { get; } = [];

    /// <summary>Incoming edges from reachable blocks (plus one for the method entry on the first block).</summary>
    public int ExpectedEdges { get; set; }

    public int ArrivedEdges { get; set; }

    public IrBlock IrBlock { get; set; } = null!;

    /// <summary>The evaluation stack's shape on entry, from the first edge that arrived.</summary>
    public List<StackKind>? EntryStack { get; set; }

    public bool Reachable { get; set; }
}
