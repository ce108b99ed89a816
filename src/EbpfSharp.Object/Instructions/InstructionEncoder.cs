namespace EbpfSharp.Object.Instructions;

/// <summary>
/// Turns an instruction sequence into bytes in one step: labels are collected, every jump's
/// <see cref="Instruction.Reference"/> becomes a slot distance, and references that leave the sequence
/// (maps, global data, subprograms in other sections) are returned as <see cref="SymbolReference"/>s for the
/// object writer to turn into relocations. A jump to a label that does not exist is an error.
/// </summary>
public static class InstructionEncoder
{
    /// <summary>Encodes <paramref name="instructions"/>; throws if a jump target is missing or out of range.</summary>
    /// <exception cref="InvalidOperationException">A label is defined twice, a jump names no label, or a distance does not fit.</exception>
    public static EncodedInstructions Encode(IReadOnlyList<Instruction> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        int slots = 0;
        foreach (var instruction in instructions)
        {
            if (instruction.Label is { } label && !labels.TryAdd(label, slots))
                throw new InvalidOperationException($"The label '{label}' is defined twice (slots {labels[label]} and {slots}).");
            slots += instruction.Slots;
        }

        var bytes = new byte[slots * 8];
        var references = new List<SymbolReference>();
        int slot = 0;
        foreach (var original in instructions)
        {
            var instruction = Resolve(original, slot, labels, references);
            instruction.EncodeTo(bytes.AsSpan(slot * 8));
            slot += instruction.Slots;
        }
        return new EncodedInstructions(bytes, references);
    }

    /// <summary>Decodes a whole instruction stream (a program section's bytes) into instructions.</summary>
    /// <exception cref="ObjectFormatException">The length is not a multiple of 8 or an ld_imm64 is cut short.</exception>
    public static Instruction[] Decode(ReadOnlySpan<byte> code)
    {
        if (code.Length % 8 != 0)
            throw new ObjectFormatException($"Instruction bytes must be a multiple of 8, but there are {code.Length}.");
        var result = new Instruction[CountInstructions(code)];
        int offset = 0;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Instruction.Decode(code[offset..]);
            offset += result[i].Slots * 8;
        }
        return result;
    }

    /// <summary>How many instructions the slots hold: ld_imm64 takes two (a truncated one counts, so decoding it reports the error).</summary>
    private static int CountInstructions(ReadOnlySpan<byte> code)
    {
        int count = 0;
        for (int offset = 0; offset < code.Length; offset += code[offset] == OpCode.LoadImmediate64.Value ? 16 : 8)
            count++;
        return count;
    }

    private static Instruction Resolve(Instruction instruction, int slot, Dictionary<string, int> labels, List<SymbolReference> references)
    {
        if (instruction.Reference is not { } target)
            return instruction;
        bool local = labels.TryGetValue(target, out int targetSlot);
        int distance = targetSlot - (slot + 1);

        if (instruction.IsBranch)
        {
            if (!local)
                throw new InvalidOperationException($"The jump at slot {slot} goes to '{target}', but no instruction has that label.");
            if (instruction.IsLongJump)
                return instruction with { Constant = distance };
            if (distance is < short.MinValue or > short.MaxValue)
                throw new InvalidOperationException(
                    $"The jump at slot {slot} to '{target}' spans {distance} slots, more than a 16-bit offset holds; use a long jump (ISA v4).");
            return instruction with { Offset = (short)distance };
        }
        if (instruction.IsSubprogramCall)
        {
            if (local)
                return instruction with { Constant = distance };
            references.Add(new SymbolReference(slot * 8, target, SymbolReferenceKind.Call));
            return instruction with { Constant = -1 };
        }
        if (instruction.IsWide)
        {
            if (local && instruction.Source == PseudoSource.Function)
                return instruction with { Constant = distance };
            references.Add(new SymbolReference(slot * 8, target, SymbolReferenceKind.Load));
            return instruction;
        }
        throw new InvalidOperationException(
            $"The instruction at slot {slot} ({instruction.OpCode}) refers to '{target}', but only jumps, calls and ld_imm64 can.");
    }
}
