using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler.Import;

/// <summary>Splits a method body into basic blocks and finds which are reachable and how many edges reach each.</summary>
internal static class IlControlFlow
{
    public static List<IlBlock> Build(MethodBody body)
    {
        var starts = new HashSet<Instruction> { body.Instructions[0] };
        foreach (var instruction in body.Instructions)
        {
            foreach (var target in Targets(instruction))
                starts.Add(target);
            if (EndsBlock(instruction) && instruction.Next is not null)
                starts.Add(instruction.Next);
        }
        var blocks = new List<IlBlock>();
        var byStart = new Dictionary<Instruction, IlBlock>();
        foreach (var instruction in body.Instructions)
        {
            if (starts.Contains(instruction))
            {
                var block = new IlBlock(instruction);
                blocks.Add(block);
                byStart[instruction] = block;
            }
            blocks[^1].Instructions.Add(instruction);
        }

        blocks[0].ExpectedEdges = 1;
        var pending = new Stack<IlBlock>([blocks[0]]);
        blocks[0].Reachable = true;
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            foreach (var successor in Successors(block, byStart))
                if (!successor.Reachable)
                {
                    successor.Reachable = true;
                    pending.Push(successor);
                }
        }
        foreach (var block in blocks.Where(block => block.Reachable))
            foreach (var successor in Successors(block, byStart))
                successor.ExpectedEdges++;
        return blocks;
    }

    public static IEnumerable<IlBlock> Successors(IlBlock block, IReadOnlyDictionary<Instruction, IlBlock> byStart)
    {
        var last = block.Instructions[^1];
        foreach (var target in Targets(last))
            yield return byStart[target];
        if (FallsThrough(last) && last.Next is not null)
            yield return byStart[last.Next];
    }

    public static IEnumerable<Instruction> Targets(Instruction instruction) => instruction.Operand switch
    {
        Instruction target when instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch => [target],
        Instruction[] targets => targets,
        _ => [],
    };

    public static bool FallsThrough(Instruction instruction) =>
        instruction.OpCode.FlowControl is not (FlowControl.Branch or FlowControl.Return or FlowControl.Throw);

    private static bool EndsBlock(Instruction instruction) =>
        instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw;
}
