using System.Text;

namespace EbpfSharp.Compiler.Ir;

/// <summary>One eBPF function being compiled: an entry program or a <c>.text</c> subprogram.</summary>
internal sealed class IrFunction(string name)
{
    private int _nextBlockId;
    private int _nextValueId;

    public string Name { get; } = name;

    /// <summary>Blocks, entry first.</summary>
    public List<IrBlock> Blocks { get; } = [];

    public List<FrameObject> Frames { get; } = [];

    public IrBlock Entry => Blocks[0];

    public IrBlock NewBlock()
    {
        var block = new IrBlock(_nextBlockId++);
        Blocks.Add(block);
        return block;
    }

    public FrameObject NewFrame(string name, int size)
    {
        var frame = new FrameObject(name, size);
        Frames.Add(frame);
        return frame;
    }

    public IrInstruction New(IrOpcode opcode, bool wide, params IrValue[] operands) =>
        new(opcode, wide, operands) { Id = _nextValueId++ };

    public IEnumerable<IrInstruction> AllInstructions => Blocks.SelectMany(block => block.Instructions);

    public override string ToString()
    {
        var text = new StringBuilder($"function {Name}\n");
        foreach (var block in Blocks)
        {
            text.Append($"B{block.Id}: preds [{string.Join(", ", block.Predecessors)}]\n");
            foreach (var instruction in block.Instructions)
                text.Append("    ").Append(instruction).Append('\n');
        }
        return text.ToString();
    }
}
