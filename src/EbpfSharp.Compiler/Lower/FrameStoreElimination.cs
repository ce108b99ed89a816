using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Lower;

/// <summary>
/// Removes a stack store whose bytes are all stored again later in the same block before anything can read them:
/// a struct local zeroed where its scope begins and again by <c>new</c>, or a copy overwritten field by field.
/// Reads are loads of the same bytes, and, for objects whose address is taken, any load through a pointer, atomic
/// or call. Walking each block backwards, the bytes stored later and not read since are known exactly.
/// </summary>
internal static class FrameStoreElimination
{
    public static bool Run(IrFunction function)
    {
        var addressTaken = function.AllInstructions
            .Where(instruction => instruction.Opcode == IrOpcode.FrameAddress)
            .Select(instruction => instruction.Frame!)
            .ToHashSet();
        bool changed = false;
        foreach (var block in function.Blocks)
        {
            var overwritten = new Dictionary<FrameObject, bool[]>();
            for (int i = block.Instructions.Count - 1; i >= 0; i--)
            {
                var instruction = block.Instructions[i];
                switch (instruction.Opcode)
                {
                    case IrOpcode.StoreFrame:
                        if (Bytes(instruction) is not var (start, end) || end > instruction.Frame!.Size)
                        {
                            overwritten.Remove(instruction.Frame!);
                            break;
                        }
                        if (!overwritten.TryGetValue(instruction.Frame, out var bytes))
                            overwritten[instruction.Frame] = bytes = new bool[instruction.Frame.Size];
                        if (Array.TrueForAll(bytes[start..end], stored => stored))
                        {
                            block.Instructions.RemoveAt(i);
                            changed = true;
                        }
                        else
                        {
                            Array.Fill(bytes, true, start, end - start);
                        }
                        break;
                    case IrOpcode.LoadFrame:
                        if (overwritten.TryGetValue(instruction.Frame!, out var read))
                        {
                            if (Bytes(instruction) is var (from, to) && to <= read.Length)
                                Array.Fill(read, false, from, to - from);
                            else
                                overwritten.Remove(instruction.Frame!);
                        }
                        break;
                    case IrOpcode.Load or IrOpcode.Atomic or IrOpcode.CallHelper or IrOpcode.CallFunction:
                        foreach (var frame in addressTaken)
                            overwritten.Remove(frame);
                        break;
                }
            }
        }
        return changed;
    }

    private static (int Start, int End)? Bytes(IrInstruction access) =>
        access.Immediate >= 0 && access.Size > 0 ? ((int)access.Immediate, (int)access.Immediate + access.Size) : null;
}
