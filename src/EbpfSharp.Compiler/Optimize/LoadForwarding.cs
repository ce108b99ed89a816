using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// A load of bytes whose value is already known reuses it: the value an earlier load of the same place read, or the
/// value an earlier store wrote there (truncated to the load's size). Header fields read, changed and read again
/// (<c>ip->Ttl--</c> between two reads of <c>ip->Ttl</c>) then cost one load, as with clang. What is known flows
/// along the blocks in reverse postorder: into a block from its only predecessor, or what all its predecessors
/// agree on. A store forgets every place it may overlap (<see cref="MemoryPlace.MayOverlap"/>); a call or an atomic
/// forgets everything, since helpers write memory they are passed and move the packet (bpf_xdp_adjust_head), and a
/// value kept across a call would need a callee-saved register.
/// </summary>
internal static class LoadForwarding
{
    /// <summary>The value of <see cref="Place"/>'s bytes (a load of them, or the value stored to them).</summary>
    private readonly record struct Known(MemoryPlace Place, IrValue Value, IrBlock Block);

    public static bool Run(IrFunction function)
    {
        var replacements = new Dictionary<IrValue, IrValue>();
        bool changed = false;
        var known = new Dictionary<IrBlock, List<Known>>();
        var calls = new CallPlacement(function);
        foreach (var block in BlockOrder.ReversePostorder(function))
        {
            var state = Incoming(block, known);
            foreach (var instruction in block.Instructions)
            {
                switch (instruction.Opcode)
                {
                    case IrOpcode.Load:
                    {
                        var place = MemoryPlace.Of(instruction);
                        int index = state.FindIndex(entry => entry.Place == place);
                        if (index >= 0 && (state[index].Value is IrConstant || calls.MayKeepAcross(state[index].Block, block)) && Reuse(instruction, state[index].Value) is { } value)
                        {
                            if (value != instruction)
                                replacements[instruction] = value;
                            changed = true;
                            break;
                        }
                        if (index >= 0)
                            state.RemoveAt(index);
                        state.Add(new Known(place, instruction, block));
                        break;
                    }
                    case IrOpcode.Store:
                    {
                        var place = MemoryPlace.Of(instruction);
                        state.RemoveAll(entry => entry.Place.MayOverlap(place));
                        state.Add(new Known(place, instruction.Operands[1], block));
                        break;
                    }
                    case IrOpcode.CallHelper or IrOpcode.CallFunction or IrOpcode.Atomic:
                        state.Clear();
                        break;
                }
            }
            known[block] = state;
        }
        foreach (var load in replacements.Keys.Cast<IrInstruction>())
            load.Block.Instructions.Remove(load);
        IrEdits.ReplaceUses(function, replacements);
        return changed;
    }

    /// <summary>
    /// The value <paramref name="load"/> reads when <paramref name="value"/> is what its bytes hold: that value, or
    /// the load itself rewritten to keep the value's low bytes. Null when the widths do not fit.
    /// </summary>
    private static IrValue? Reuse(IrInstruction load, IrValue value)
    {
        int size = load.Size;
        if (value is IrConstant constant)
            return IrConstant.Of(size >= 8 ? constant.Value : constant.Value & ((1L << (size * 8)) - 1), load.Wide);
        // A 32-bit value is kept zero-extended, so it stands for a wide one; a wide value needs truncating.
        bool fits = value.Wide == load.Wide || !value.Wide;
        if (value is IrInstruction { Opcode: IrOpcode.Load } earlier && earlier.Size == size && fits)
            return value;
        if (size == 8 || size == 4 && !value.Wide)
            return fits ? value : null;
        return Truncated(load, value);
    }

    private static IrInstruction? Truncated(IrInstruction load, IrValue value)
    {
        // The verifier rejects truncating a pointer; a wide value is cut only when it cannot be one.
        if (!MemoryPlace.IsInteger(value))
            return null;
        load.Opcode = IrOpcode.ZeroExtend;
        load.Immediate = 0;
        load.Operands.Clear();
        load.Operands.Add(value);
        return load;
    }

    /// <summary>What is known on entry: the only predecessor's state, or the entries every predecessor has (none around a loop's back edge).</summary>
    private static List<Known> Incoming(IrBlock block, Dictionary<IrBlock, List<Known>> known)
    {
        if (block.Predecessors.Count == 0 || !block.Predecessors.All(known.ContainsKey))
            return [];
        var first = known[block.Predecessors[0]];
        return [.. first.Where(entry => block.Predecessors.Skip(1).All(predecessor => known[predecessor].Contains(entry)))];
    }
}
