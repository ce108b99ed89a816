using System.Buffers.Binary;
using System.Text.RegularExpressions;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime.Loading.Core;

/// <summary>A CO-RE relocation of one function: the instruction (index within the function) and the .BTF.ext record.</summary>
internal sealed record FunctionCoreRelocation(int InstructionIndex, BtfCoreRelocation Relocation);

/// <summary>
/// Applies an object's CO-RE relocations to linked code before BPF_PROG_LOAD, the way libbpf does in user space
/// (libbpf: src/libbpf.c bpf_object__relocate_core, src/relo_core.c bpf_core_patch_insn): ALU immediates, the
/// offset (and where safe the size) of loads and stores, and ld_imm64 constants. Results are cached per
/// (type, access, kind), so subprograms shared by several programs are resolved once per load.
/// </summary>
internal sealed partial class CoreRelocator
{
    /// <summary>The helper id libbpf writes into poisoned instructions (0xbad2310, "bad relo").</summary>
    public const int PoisonHelperId = 0xbad2310;

    private readonly CoreResolver _resolver;
    private readonly Dictionary<(int, string, BtfCoreRelocationKind), CoreResult> _results = [];

    public CoreRelocator(BtfSection local, CoreTarget target) => _resolver = new CoreResolver(local, target);

    public CoreTarget Target => _resolver.Target;

    /// <summary>
    /// Patches <paramref name="function"/>'s CO-RE relocations in <paramref name="code"/>, where the function starts at
    /// slot <paramref name="baseSlot"/>. Poisoned slots are recorded in <paramref name="poisoned"/> with the reason.
    /// </summary>
    /// <exception cref="ObjectFormatException">An instruction does not hold what the object's BTF says it should.</exception>
    public void Apply(FunctionSpec function, Span<byte> code, int baseSlot, Dictionary<int, PoisonedRelocation> poisoned)
    {
        foreach (var (index, relocation) in function.CoreRelocations)
        {
            var key = (relocation.TypeId, relocation.AccessString, relocation.Kind);
            if (!_results.TryGetValue(key, out var result))
                _results.Add(key, result = _resolver.Resolve(relocation));
            int slot = function.SlotOfInstruction[index];
            string where = $"{function.Name}+insn {slot}{LineOf(function, slot)}";
            int absolute = baseSlot + slot;
            if (Patch(code, absolute, result, relocation.Kind, where))
                poisoned[absolute] = new PoisonedRelocation(relocation.Kind, result, where);
        }
    }

    private static string LineOf(FunctionSpec function, int slot)
    {
        var line = function.Lines.Where(record => record.InstructionOffset <= (uint)slot * 8).MaxBy(record => record.InstructionOffset);
        if (line is null || line.LineNumber == 0)
            return string.Empty;
        string text = line.LineText.Trim();
        return $", {Path.GetFileName(line.FileName)}:{line.LineNumber}{(text.Length > 0 ? $": {text}" : "")}";
    }

    /// <summary>Patches one instruction; returns true when it was poisoned (libbpf: bpf_core_patch_insn).</summary>
    internal static bool Patch(Span<byte> code, int slot, CoreResult result, BtfCoreRelocationKind kind, string where)
    {
        var insn = code.Slice(slot * 8, 8);
        byte opcode = insn[0];
        int instructionClass = opcode & 0x07;
        bool wide = opcode == 0x18;
        string context = $"CO-RE relocation {kind} on {result.Access} at {where}";
        if (result.Poison)
        {
            if (wide && code.Length >= (slot + 2) * 8)
                Poison(code.Slice((slot + 1) * 8, 8));
            Poison(insn);
            return true;
        }

        ulong original = result.OriginalValue;
        ulong updated = result.NewValue;
        switch (instructionClass)
        {
            case 0x04 or 0x07: // ALU, ALU64
            {
                if ((opcode & 0x08) != 0)
                    throw new ObjectFormatException($"The {context} patches an ALU instruction with a register operand; only an immediate can be relocated.");
                int immediate = BinaryPrimitives.ReadInt32LittleEndian(insn[4..]);
                if (result.Validate && unchecked((ulong)(long)immediate) != original)
                    throw new ObjectFormatException($"The {context} expects the instruction to hold {original}, but it holds {immediate} (the object's code and BTF disagree).");
                BinaryPrimitives.WriteInt32LittleEndian(insn[4..], unchecked((int)updated));
                return false;
            }
            case 0x01 or 0x02 or 0x03: // LDX, ST, STX
            {
                short offset = BinaryPrimitives.ReadInt16LittleEndian(insn[2..]);
                if (result.Validate && unchecked((ulong)(long)offset) != original)
                    throw new ObjectFormatException($"The {context} expects the memory offset {original}, but the instruction has {offset} (the object's code and BTF disagree).");
                if (updated > (ulong)short.MaxValue)
                    throw new BpfInvalidArgumentException($"The {context} needs offset {updated}, more than a load or store can encode ({short.MaxValue}).", Errno.ERANGE);
                if (result.FailMemorySizeAdjust)
                {
                    // The field changed size in a way a wider or narrower load would misread (libbpf poisons these too).
                    Poison(insn);
                    return true;
                }
                BinaryPrimitives.WriteInt16LittleEndian(insn[2..], (short)updated);
                if (result.NewSize != result.OriginalSize)
                {
                    int size = (opcode & 0x18) switch { 0x00 => 4, 0x08 => 2, 0x10 => 1, _ => 8 };
                    if (size != result.OriginalSize)
                        throw new ObjectFormatException($"The {context} expects a {result.OriginalSize}-byte access, but the instruction accesses {size} bytes.");
                    int sizeBits = result.NewSize switch
                    {
                        1 => 0x10,
                        2 => 0x08,
                        4 => 0x00,
                        8 => 0x18,
                        _ => throw new BpfInvalidArgumentException($"The {context} would need a {result.NewSize}-byte access, which no instruction makes.", Errno.EINVAL),
                    };
                    insn[0] = (byte)((opcode & ~0x18) | sizeBits);
                }
                return false;
            }
            case 0x00 when wide:
            {
                if (code.Length < (slot + 2) * 8)
                    throw new ObjectFormatException($"The {context} patches an ld_imm64 cut short by the end of the code.");
                var next = code.Slice((slot + 1) * 8, 8);
                if ((insn[1] >> 4) != 0 || BinaryPrimitives.ReadInt16LittleEndian(insn[2..]) != 0
                    || next[0] != 0 || next[1] != 0 || BinaryPrimitives.ReadInt16LittleEndian(next[2..]) != 0)
                    throw new ObjectFormatException($"The {context} patches an ld_imm64 that is not a plain constant.");
                ulong value = BinaryPrimitives.ReadUInt32LittleEndian(insn[4..]) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(next[4..]) << 32);
                if (result.Validate && value != original)
                    throw new ObjectFormatException($"The {context} expects the constant {original}, but the instruction holds {value} (the object's code and BTF disagree).");
                BinaryPrimitives.WriteUInt32LittleEndian(insn[4..], unchecked((uint)updated));
                BinaryPrimitives.WriteUInt32LittleEndian(next[4..], (uint)(updated >> 32));
                return false;
            }
            default:
                throw new ObjectFormatException($"The {context} is on an instruction (opcode 0x{opcode:x2}) that CO-RE does not patch; only ALU immediates, load/store offsets and ld_imm64 are relocated.");
        }
    }

    /// <summary>Turns the slot into a call of helper 0xbad2310, which the verifier refuses if it is reachable.</summary>
    private static void Poison(Span<byte> insn)
    {
        insn[0] = 0x85;
        insn[1] = 0;
        BinaryPrimitives.WriteInt16LittleEndian(insn[2..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(insn[4..], PoisonHelperId);
    }

    [GeneratedRegex(@"^(\d+): \(85\) call unknown#195896080", RegexOptions.Multiline)]
    private static partial Regex PoisonedCallLine();

    /// <summary>
    /// When the verifier refused a program because it reached a poisoned instruction, a clearer exception that says
    /// which relocation failed and how to guard it; otherwise null.
    /// </summary>
    public static BpfVerifierException? Explain(BpfVerifierException exception, IReadOnlyDictionary<int, PoisonedRelocation> poisoned)
    {
        if (poisoned.Count == 0 || !exception.VerifierLog.Contains("unknown#195896080", StringComparison.Ordinal))
            return null;
        PoisonedRelocation? relocation = null;
        var matches = PoisonedCallLine().Matches(exception.VerifierLog);
        if (matches.Count > 0 && int.TryParse(matches[^1].Groups[1].Value, out int slot))
            poisoned.TryGetValue(slot, out relocation);
        relocation ??= poisoned.Count == 1 ? poisoned.Values.First() : null;
        if (relocation is null)
            return null;
        string guard = relocation.Kind switch
        {
            BtfCoreRelocationKind.EnumValue => "Core.EnumValueExists<TEnum>(value) (C: bpf_core_enum_value_exists)",
            BtfCoreRelocationKind.TypeSize or BtfCoreRelocationKind.TypeIdTarget => "Core.TypeExists<T>() (C: bpf_core_type_exists)",
            _ => "Core.FieldExists(&task->Field) (C: bpf_core_field_exists)",
        };
        string failure = relocation.Result.Failure ?? $"{relocation.Result.Access} cannot be resolved";
        string message =
            $"Program '{exception.ProgramName}' cannot load: {failure} (CO-RE relocation {relocation.Kind} at {relocation.Where}). " +
            $"The instruction that needs it is reachable, so the verifier refused it (invalid helper 0xbad2310 is how an unresolved CO-RE access is marked). " +
            $"Guard the access with {guard} so it is skipped on kernels without it, or fix the name in the local type definition.";
        return new BpfVerifierException(exception.ProgramName, exception.Errno, exception.VerifierLog, message);
    }
}

/// <summary>An instruction poisoned because its CO-RE relocation has no target.</summary>
internal sealed record PoisonedRelocation(BtfCoreRelocationKind Kind, CoreResult Result, string Where);
