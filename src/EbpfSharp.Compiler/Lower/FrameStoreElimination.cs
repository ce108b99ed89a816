using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Removes a stack store whose bytes are all stored again, or the function returns, before anything can read them:
/// a struct local zeroed where its scope begins and then filled field by field on the only path that reads it, or a
/// copy overwritten field by field. Which bytes may still be read is a backward dataflow over the blocks (a frame
/// dies at a return). Reads are loads of the same bytes and, for objects whose address is taken, whatever is given
/// the address: a call or an atomic that takes it as an operand when the address goes nowhere else, and any load
/// through a pointer, atomic or call when it does (stored, merged or offset, it may reach anything).
/// </summary>
internal static class FrameStoreElimination
{
    public static bool Run(IrFunction function)
    {
        var bytes = new FrameBytes(function);
        if (bytes.Count == 0)
            return false;
        var liveIn = function.Blocks.ToDictionary(block => block, _ => new bool[bytes.Count]);
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var block in Enumerable.Reverse(function.Blocks))
            {
                var live = LiveOut(block, liveIn, bytes.Count);
                for (int i = block.Instructions.Count - 1; i >= 0; i--)
                    bytes.Transfer(block.Instructions[i], live);
                if (!live.AsSpan().SequenceEqual(liveIn[block]))
                {
                    liveIn[block] = live;
                    changed = true;
                }
            }
        }
        bool removed = false;
        foreach (var block in function.Blocks)
        {
            var live = LiveOut(block, liveIn, bytes.Count);
            for (int i = block.Instructions.Count - 1; i >= 0; i--)
            {
                var instruction = block.Instructions[i];
                if (instruction.Opcode == IrOpcode.StoreFrame && bytes.Range(instruction) is var (start, end) && !live.AsSpan(start, end - start).Contains(true))
                {
                    block.Instructions.RemoveAt(i);
                    removed = true;
                    continue;
                }
                bytes.Transfer(instruction, live);
            }
        }
        return removed;
    }

    private static bool[] LiveOut(IrBlock block, Dictionary<IrBlock, bool[]> liveIn, int count)
    {
        var live = new bool[count];
        foreach (var successor in block.Successors)
        {
            var incoming = liveIn[successor];
            for (int i = 0; i < count; i++)
                live[i] |= incoming[i];
        }
        return live;
    }

    /// <summary>Every frame object's bytes in one array, and what each instruction does to them going backwards.</summary>
    private sealed class FrameBytes
    {
        private readonly Dictionary<FrameObject, int> _start = [];
        private readonly List<FrameObject> _escaped = [];

        public FrameBytes(IrFunction function)
        {
            foreach (var frame in function.Frames)
            {
                _start[frame] = Count;
                Count += frame.Size;
            }
            var addresses = function.AllInstructions.Where(instruction => instruction.Opcode == IrOpcode.FrameAddress).ToHashSet();
            foreach (var instruction in function.AllInstructions)
                for (int i = 0; i < instruction.Operands.Count; i++)
                    if (instruction.Operands[i] is IrInstruction { Opcode: IrOpcode.FrameAddress } address && addresses.Contains(address) && !IsDirectUse(instruction, i))
                        _escaped.Add(address.Frame!);
        }

        public int Count { get; }

        /// <summary>The store's or load's bytes in the array, when it stays inside its object.</summary>
        public (int Start, int End)? Range(IrInstruction access) =>
            access.Immediate >= 0 && access.Size > 0 && access.Immediate + access.Size <= access.Frame!.Size && _start.TryGetValue(access.Frame, out int start)
                ? (start + (int)access.Immediate, start + (int)access.Immediate + access.Size)
                : null;

        /// <summary>Turns the bytes that may be read after <paramref name="instruction"/> into those that may be read before it.</summary>
        public void Transfer(IrInstruction instruction, bool[] live)
        {
            switch (instruction.Opcode)
            {
                case IrOpcode.StoreFrame:
                    if (Range(instruction) is var (start, end))
                        Array.Fill(live, false, start, end - start);
                    break;
                case IrOpcode.LoadFrame:
                    if (Range(instruction) is var (from, to))
                        Array.Fill(live, true, from, to - from);
                    else
                        ReadAll(instruction.Frame!, live);
                    break;
                case IrOpcode.Return:
                    Array.Clear(live);
                    break;
                case IrOpcode.Load or IrOpcode.Store or IrOpcode.Atomic or IrOpcode.CallHelper or IrOpcode.CallFunction:
                    foreach (var operand in instruction.Operands)
                        if (operand is IrInstruction { Opcode: IrOpcode.FrameAddress } address && _start.ContainsKey(address.Frame!))
                            ReadAll(address.Frame!, live);
                    if (instruction.Opcode != IrOpcode.Store)
                        foreach (var frame in _escaped)
                            ReadAll(frame, live);
                    break;
            }
        }

        private void ReadAll(FrameObject frame, bool[] live)
        {
            if (_start.TryGetValue(frame, out int start))
                Array.Fill(live, true, start, frame.Size);
        }

        /// <summary>Whether the operand gives the address only to what reads or writes it now (not stored, merged or offset).</summary>
        private static bool IsDirectUse(IrInstruction user, int operand) => user.Opcode switch
        {
            IrOpcode.CallHelper or IrOpcode.CallFunction => true,
            IrOpcode.Load or IrOpcode.Atomic => operand == 0,
            IrOpcode.Store => operand == 0,
            _ => false,
        };
    }
}
