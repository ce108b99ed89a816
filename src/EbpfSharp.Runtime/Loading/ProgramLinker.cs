using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>
/// Links one entry program the way libbpf does before loading (libbpf: src/libbpf.c, bpf_object__relocate):
/// every subprogram it reaches through calls or callback addresses is appended once after the main body,
/// call and callback distances are rewritten for the new layout, map references get the map's fd, global
/// data references the data map's fd and offset, and func_info/line_info are rebased to instruction indices.
/// </summary>
internal static class ProgramLinker
{
    /// <param name="entry">The entry program.</param>
    /// <param name="mapFd">The fd of a map by name.</param>
    /// <param name="stringOffset">The offset of a string in the loaded BTF's string table; null when no BTF is loaded.</param>
    /// <param name="core">Applies CO-RE relocations; null when the object has none.</param>
    public static LinkedProgram Link(FunctionSpec entry, Func<string, int> mapFd, Func<string, uint>? stringOffset, Core.CoreRelocator? core = null)
    {
        var order = Layout(entry);
        var baseSlot = new Dictionary<FunctionSpec, int>();
        int slots = 0;
        foreach (var function in order)
        {
            baseSlot[function] = slots;
            slots += function.SlotCount;
        }

        var code = new byte[slots * 8];
        var poisoned = new Dictionary<int, Core.PoisonedRelocation>();
        foreach (var function in order)
        {
            int offset = baseSlot[function] * 8;
            foreach (var instruction in function.Instructions)
            {
                instruction.EncodeTo(code.AsSpan(offset));
                offset += instruction.Slots * 8;
            }
            // Relocated instructions are encoded again over their first encoding; the function's own instructions stay as read.
            foreach (var relocation in function.Relocations)
            {
                int index = relocation.InstructionIndex;
                int here = baseSlot[function] + function.SlotOfInstruction[index];
                var original = function.Instructions[index];
                var relocated = relocation switch
                {
                    CallRelocation call => original with { Constant = baseSlot[call.Target] - (here + 1) },
                    FunctionAddressRelocation address => original with
                    {
                        Source = PseudoSource.Function,
                        Constant = baseSlot[address.Target] - (here + 1),
                    },
                    MapRelocation map => original with { Source = PseudoSource.MapFd, Constant = (uint)mapFd(map.MapName) },
                    DataRelocation data => original with
                    {
                        Source = PseudoSource.MapValue,
                        Constant = ((long)data.Offset << 32) | (uint)mapFd(data.MapName),
                    },
                    _ => throw new InvalidOperationException($"Unknown relocation {relocation}."),
                };
                relocated.EncodeTo(code.AsSpan(here * 8));
            }
            if (function.CoreRelocations.Count > 0)
            {
                if (core is null)
                    throw new InvalidOperationException($"Function '{function.Name}' has CO-RE relocations but no target BTF was given.");
                core.Apply(function, code, baseSlot[function], poisoned);
            }
        }

        if (stringOffset is null)
            return new LinkedProgram(code, order, [], []) { Poisoned = poisoned };
        return new LinkedProgram(code, order, FunctionInfos(entry, order, baseSlot), LineInfos(entry, order, baseSlot, stringOffset)) { Poisoned = poisoned };
    }

    /// <summary>The main program, then each reachable subprogram once, in order of first reference.</summary>
    private static List<FunctionSpec> Layout(FunctionSpec entry)
    {
        var order = new List<FunctionSpec> { entry };
        for (int i = 0; i < order.Count; i++)
        {
            foreach (var relocation in order[i].Relocations)
            {
                var target = relocation switch
                {
                    CallRelocation call => call.Target,
                    FunctionAddressRelocation address => address.Target,
                    _ => null,
                };
                if (target is not null && !order.Contains(target))
                {
                    if (target.SectionName != ".text" && target.SectionName != entry.SectionName)
                        throw new ObjectFormatException($"Program '{entry.Name}' reaches '{target.Name}' in section '{target.SectionName}'; subprograms must be in .text.");
                    order.Add(target);
                }
            }
        }
        return order;
    }

    private static KernelFunctionInfo[] FunctionInfos(FunctionSpec entry, List<FunctionSpec> order, Dictionary<FunctionSpec, int> baseSlot)
    {
        if (order.All(function => function.FunctionTypeId == 0))
            return [];
        var missing = order.FirstOrDefault(function => function.FunctionTypeId == 0);
        if (missing is not null)
            throw new ObjectFormatException($"Program '{entry.Name}': function '{missing.Name}' has no .BTF.ext function info while others have; every function needs one.");
        return order.Select(function => new KernelFunctionInfo((uint)baseSlot[function], (uint)function.FunctionTypeId)).ToArray();
    }

    private static KernelLineInfo[] LineInfos(FunctionSpec entry, List<FunctionSpec> order, Dictionary<FunctionSpec, int> baseSlot, Func<string, uint> stringOffset)
    {
        int count = 0;
        foreach (var function in order)
            count += function.Lines.Count;
        if (count == 0)
            return [];
        var lines = new KernelLineInfo[count];
        int next = 0;
        string? file = null;
        uint fileOffset = 0;
        foreach (var function in order)
        {
            // The kernel insists on a line record at every function's first instruction (check_btf_line).
            if (!function.Lines.Exists(static line => line.InstructionOffset == 0))
                throw new ObjectFormatException($"Program '{entry.Name}': function '{function.Name}' has no .BTF.ext line info for its first instruction while others have line info.");
            int functionBase = baseSlot[function];
            foreach (var line in IsInOffsetOrder(function.Lines) ? function.Lines : function.Lines.OrderBy(line => line.InstructionOffset).ToList())
            {
                // Consecutive lines nearly always share their file: look its offset up once per run.
                if (!ReferenceEquals(line.FileName, file))
                    (file, fileOffset) = (line.FileName, stringOffset(line.FileName));
                lines[next++] = new KernelLineInfo(
                    (uint)(functionBase + line.InstructionOffset / 8),
                    fileOffset,
                    stringOffset(line.LineText),
                    (line.LineNumber << 10) | (line.Column & 0x3ff));
            }
        }
        return lines;
    }

    /// <summary>Whether the lines are sorted by offset already, as .BTF.ext lists them, so that no stable sort is needed.</summary>
    private static bool IsInOffsetOrder(List<BtfLineInfo> lines)
    {
        for (int i = 1; i < lines.Count; i++)
            if (lines[i].InstructionOffset < lines[i - 1].InstructionOffset)
                return false;
        return true;
    }
}
