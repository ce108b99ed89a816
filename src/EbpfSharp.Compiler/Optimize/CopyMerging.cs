using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Optimize;

/// <summary>
/// Merges byte copies within one buffer into wider ones: stores of bytes just loaded from consecutive offsets to
/// consecutive offsets (an unrolled <c>for (i = 0; i &lt; 6; i++)</c> MAC swap) become one 4-, 2- or 8-byte load
/// and store per chunk. The bytes are the same in the same order, so byte order does not matter.
/// </summary>
/// <remarks>
/// Only within a straight run of a block whose memory accesses all go through one pointer that was itself loaded
/// from memory (a packet pointer read from the context, or a pointer read from a map value): never the context
/// (a parameter), whose fields the verifier checks one by one, nor the stack (a frame address), where it requires
/// aligned accesses. The run's loads may all move to its start and its stores to its end only when no byte is
/// stored twice and no load reads a byte stored before it in the run; the wider accesses cover exactly the bytes
/// the single ones did, so the same bounds check covers them.
/// </remarks>
internal static class CopyMerging
{
    public static bool Run(IrFunction function)
    {
        bool changed = false;
        var uses = IrEdits.CountUses(function);
        foreach (var block in function.Blocks)
        {
            int start = 0;
            while (start < block.Instructions.Count)
            {
                int end = RunEnd(block, start, out var @base);
                if (@base is not null && Merge(function, block, start, end, @base, uses))
                {
                    changed = true;
                    uses = IrEdits.CountUses(function);
                    continue;   // the run is now shorter; look at it again from its start
                }
                start = Math.Max(end, start + 1);
            }
        }
        return changed;
    }

    /// <summary>The end (exclusive) of the run from <paramref name="start"/> of pure instructions and byte accesses through one loaded pointer.</summary>
    private static int RunEnd(IrBlock block, int start, out IrInstruction? @base)
    {
        @base = null;
        int i = start;
        for (; i < block.Instructions.Count; i++)
        {
            var instruction = block.Instructions[i];
            if (instruction.Opcode is IrOpcode.Load or IrOpcode.Store)
            {
                if (instruction.Operands[0] is not IrInstruction { Opcode: IrOpcode.Load } pointer || !pointer.Wide)
                    break;
                if (@base is null)
                    @base = pointer;
                else if (pointer != @base)
                    break;
                continue;
            }
            if (instruction.Opcode == IrOpcode.Phi || instruction.IsTerminator || !ConstantEvaluator.IsPure(instruction) || instruction.CoreRelocation is not null)
                break;
        }
        return i;
    }

    private static bool Merge(IrFunction function, IrBlock block, int start, int end, IrInstruction @base, Dictionary<IrInstruction, int> uses)
    {
        var run = block.Instructions.GetRange(start, end - start);
        var stored = new HashSet<long>();
        foreach (var access in run.Where(instruction => instruction.Opcode is IrOpcode.Load or IrOpcode.Store))
        {
            var bytes = Enumerable.Range(0, access.Size).Select(k => access.Immediate + k);
            if (access.Opcode == IrOpcode.Load)
            {
                if (bytes.Any(stored.Contains))
                    return false;
            }
            else if (!bytes.All(stored.Add))
                return false;
        }
        // Byte copies: destination offset → (source offset, store).
        var copies = new SortedDictionary<long, (long Source, IrInstruction Store)>();
        foreach (var store in run.Where(instruction => instruction.Opcode == IrOpcode.Store && instruction.Size == 1))
            if (store.Operands[1] is IrInstruction { Opcode: IrOpcode.Load, Size: 1 } load && load.Operands[0] == @base && run.Contains(load)
                && uses.GetValueOrDefault(load) == 1)
                copies[store.Immediate] = (load.Immediate, store);
        var loads = new List<IrInstruction>();
        var stores = new List<IrInstruction>();
        var merged = new HashSet<IrInstruction>();
        var offsets = copies.Keys.ToList();
        for (int i = 0; i < offsets.Count;)
        {
            int length = 1;
            while (i + length < offsets.Count && offsets[i + length] == offsets[i] + length
                && copies[offsets[i + length]].Source == copies[offsets[i]].Source + length)
                length++;
            for (int done = 0; done < length;)
            {
                int width = length - done >= 8 ? 8 : length - done >= 4 ? 4 : length - done >= 2 ? 2 : 1;
                if (width > 1)
                {
                    long destination = offsets[i + done];
                    long source = copies[destination].Source;
                    if (destination + width - 1 > short.MaxValue || source + width - 1 > short.MaxValue)
                        return false;
                    var load = function.New(IrOpcode.Load, width == 8, @base).WithSize(width);
                    load.Immediate = source;
                    load.Location = copies[destination].Store.Location;
                    load.Block = block;
                    var store = function.New(IrOpcode.Store, false, @base, load).WithSize(width);
                    store.Immediate = destination;
                    store.Location = copies[destination].Store.Location;
                    store.Block = block;
                    loads.Add(load);
                    stores.Add(store);
                    for (int k = 0; k < width; k++)
                    {
                        var single = copies[destination + k].Store;
                        merged.Add(single);
                        merged.Add((IrInstruction)single.Operands[1]);
                    }
                }
                done += width;
            }
            i += length;
        }
        if (merged.Count == 0)
            return false;
        var kept = run.Where(instruction => !merged.Contains(instruction)).ToList();
        block.Instructions.RemoveRange(start, end - start);
        block.Instructions.InsertRange(start, [.. loads, .. kept, .. stores]);
        return true;
    }
}
