using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime.Loading.Core;

/// <summary>
/// What a CO-RE relocation resolves to: the value the instruction must hold now (computed from the local BTF), the
/// value it gets, and whether the instruction is poisoned instead (libbpf: struct bpf_core_relo_res).
/// </summary>
internal sealed record CoreResult
{
    public ulong OriginalValue { get; init; }

    public ulong NewValue { get; init; }

    /// <summary>The access cannot be resolved on the target: the instruction becomes a call to an invalid helper.</summary>
    public bool Poison { get; init; }

    /// <summary>Check that the instruction holds <see cref="OriginalValue"/> before patching.</summary>
    public bool Validate { get; init; } = true;

    /// <summary>A load or store would have to change size in a way that changes the value (a signed integer, …).</summary>
    public bool FailMemorySizeAdjust { get; init; }

    public int OriginalSize { get; init; }

    public int NewSize { get; init; }

    /// <summary>The local access, as C ("struct task_struct.tgid").</summary>
    public required string Access { get; init; }

    /// <summary>Why there is no target (for poisoned or zeroed relocations), as a sentence fragment; null when resolved.</summary>
    public string? Failure { get; init; }
}

/// <summary>
/// Resolves CO-RE relocations of one object against one target BTF with libbpf's semantics (libbpf: src/relo_core.c,
/// bpf_core_calc_relo_insn): candidates are the target types with the same essential name and a compatible kind;
/// every candidate that fits must give the same result; with none, existence checks give 0, type sizes and ids 0,
/// and everything else poisons the instruction. Candidate lists are cached per local type.
/// </summary>
internal sealed class CoreResolver
{
    private readonly BtfSection _local;
    private readonly CoreTarget _target;
    private readonly Dictionary<int, List<int>> _candidates = [];

    public CoreResolver(BtfSection local, CoreTarget target)
    {
        _local = local;
        _target = target;
    }

    public CoreTarget Target => _target;

    /// <summary>Resolves one relocation.</summary>
    /// <exception cref="ObjectFormatException">The relocation does not fit the object's own BTF.</exception>
    /// <exception cref="BpfInvalidArgumentException">Candidates in the target disagree, or a value does not fit.</exception>
    public CoreResult Resolve(BtfCoreRelocation relocation)
    {
        var kind = relocation.Kind;
        var local = CoreSpec.Parse(_local, relocation.TypeId, relocation.AccessString, kind);
        string access = local.Path();
        if (kind == BtfCoreRelocationKind.TypeIdLocal)
            return new CoreResult { OriginalValue = (ulong)local.RootTypeId, NewValue = (ulong)local.RootTypeId, Validate = false, Access = access };

        var localType = _local[relocation.TypeId];
        if (localType is null || localType.Name.Length == 0)
            throw new ObjectFormatException($"The CO-RE relocation on {access} ({kind}) starts at an anonymous type; CO-RE finds kernel types by name.");

        CoreResult? chosen = null;
        CoreSpec? chosenSpec = null;
        CoreMatcher.Mismatch? firstMismatch = null;
        foreach (int candidate in Candidates(relocation.TypeId, localType))
        {
            var target = new CoreSpec(_target.Btf, candidate, kind);
            if (!CoreMatcher.Match(local, target, out var mismatch))
            {
                firstMismatch ??= mismatch;
                continue;
            }
            var result = Calculate(local, target, access);
            if (chosen is null)
            {
                chosen = result;
                chosenSpec = target;
            }
            else if (target.BitOffset != chosenSpec!.BitOffset)
            {
                throw new BpfInvalidArgumentException(
                    $"The CO-RE relocation on {access} ({kind}) is ambiguous: {_target.Description} has several types named like {CoreSpec.Describe(_local, local.RootTypeId)} " +
                    $"that put it at different offsets ({chosenSpec} and {target}). Rename the local type with a ___flavor suffix that matches one of them.", Errno.EINVAL);
            }
            else if (result.Poison != chosen.Poison || result.NewValue != chosen.NewValue)
            {
                throw new BpfInvalidArgumentException(
                    $"The CO-RE relocation on {access} ({kind}) is ambiguous: {_target.Description} has several matching types named like {CoreSpec.Describe(_local, local.RootTypeId)} " +
                    $"that give different values ({chosen.NewValue} and {result.NewValue}).", Errno.EINVAL);
            }
        }
        return chosen ?? Calculate(local, null, access) with { Failure = Failure(local, firstMismatch) };
    }

    private List<int> Candidates(int localId, BtfType localType)
    {
        if (_candidates.TryGetValue(localId, out var cached))
            return cached;
        var candidates = new List<int>();
        foreach (int id in _target.WithEssentialName(CoreSpec.EssentialName(localType.Name)))
        {
            var type = _target.Btf.Get(id);
            if (type.Kind == localType.Kind || (type is BtfEnum && localType is BtfEnum))
                candidates.Add(id);
        }
        _candidates.Add(localId, candidates);
        return candidates;
    }

    private string Failure(CoreSpec local, CoreMatcher.Mismatch? mismatch)
    {
        string type = CoreSpec.Describe(_local, local.RootTypeId);
        string owner = _target.Description == "the running kernel" ? "the running kernel's" : $"{_target.Description}:";
        if (mismatch is null)
            return $"{_target.Description} has no {CoreSpec.EssentialName(type)}";
        if (CoreSpec.IsEnumValueBased(local.Kind))
            return $"{owner} {CoreSpec.EssentialName(type)} has no value '{local.Accessors[0].Name}'";
        if (CoreSpec.IsTypeBased(local.Kind) || mismatch.Value.AccessorIndex < 0)
            return $"{owner} {CoreSpec.EssentialName(type)} does not match the local definition";
        string field = local.FieldPath(mismatch.Value.AccessorIndex);
        if (mismatch.Value.OutOfRange)
            return $"{owner} {CoreSpec.EssentialName(type)} has fewer elements in '{field}' than the index used";
        return mismatch.Value.Incompatible
            ? $"{owner} {CoreSpec.EssentialName(type)} has a field '{field}' of an incompatible type"
            : $"{owner} {CoreSpec.EssentialName(type)} has no field '{field}'";
    }

    private CoreResult Calculate(CoreSpec local, CoreSpec? target, string access)
    {
        var kind = local.Kind;
        if (CoreSpec.IsFieldBased(kind))
        {
            var original = FieldValue(local, kind, access, isLocal: true)!.Value;
            var updated = FieldValue(target, kind, access, isLocal: false);
            if (updated is null)
                return new CoreResult { Poison = true, Access = access };
            bool failAdjust = false;
            if (original.Size != updated.Value.Size && target is not null)
            {
                var originalType = local.Btf[original.TypeId];
                var newType = target.Btf[updated.Value.TypeId];
                bool pointers = originalType is BtfPointer && newType is BtfPointer;
                bool unsignedIntegers = originalType is BtfInt a && newType is BtfInt b
                    && !a.Encoding.HasFlag(BtfIntEncoding.Signed) && !b.Encoding.HasFlag(BtfIntEncoding.Signed);
                failAdjust = !pointers && !unsignedIntegers;
            }
            return new CoreResult
            {
                OriginalValue = original.Value,
                NewValue = updated.Value.Value,
                Validate = original.Validate,
                OriginalSize = original.Size,
                NewSize = updated.Value.Size,
                FailMemorySizeAdjust = failAdjust,
                Access = access,
            };
        }
        if (CoreSpec.IsTypeBased(kind))
        {
            var (originalValue, validate) = TypeValue(local, kind, access);
            // Type-based relocations give 0 when the target has no such type (libbpf: bpf_core_calc_type_relo).
            ulong newValue = target is null ? 0 : TypeValue(target, kind, access).Value;
            return new CoreResult { OriginalValue = originalValue, NewValue = newValue, Validate = validate, Access = access };
        }
        ulong originalEnum = EnumValue(local, kind)!.Value;
        ulong? newEnum = EnumValue(target, kind);
        return newEnum is null
            ? new CoreResult { Poison = true, Access = access }
            : new CoreResult { OriginalValue = originalEnum, NewValue = newEnum.Value, Access = access };
    }

    private readonly record struct Field(ulong Value, int Size, int TypeId, bool Validate);

    /// <summary>libbpf: bpf_core_calc_field_relo. Null asks for poisoning.</summary>
    private static Field? FieldValue(CoreSpec? spec, BtfCoreRelocationKind kind, string access, bool isLocal)
    {
        if (kind == BtfCoreRelocationKind.FieldExists)
            return new Field(spec is null ? 0UL : 1UL, 0, 0, true);
        if (spec is null)
            return null;
        string where = $"The CO-RE relocation on {access} ({kind}) in {(isLocal ? "the object's BTF" : "the target BTF")}";
        var last = spec.Accessors[^1];
        var btf = spec.Btf;
        if (last.Name is null)
        {
            long size = CoreSpec.TrySize(btf, last.TypeId) ?? throw new ObjectFormatException($"{where} reaches type [{last.TypeId}], which has no size.");
            return kind switch
            {
                BtfCoreRelocationKind.FieldByteOffset => new Field((ulong)(spec.BitOffset / 8), (int)size, last.TypeId, true),
                BtfCoreRelocationKind.FieldByteSize => new Field((ulong)size, 0, 0, true),
                _ => throw new ObjectFormatException($"{where} cannot be applied to an array element or the root pointer."),
            };
        }

        var member = ((BtfStruct)btf[last.TypeId]!).Members[last.Index];
        int fieldTypeId = btf.SkipModifiers(member.TypeId);
        var fieldType = btf[fieldTypeId];
        long bitOffset = spec.BitOffset;
        long bitSize = member.BitfieldSize;
        bool bitfield = bitSize > 0;
        long byteSize;
        long byteOffset;
        if (bitfield)
        {
            byteSize = fieldType switch
            {
                BtfInt integer => integer.Size,
                BtfEnum enumeration => enumeration.Size,
                _ => throw new ObjectFormatException($"{where} is a bitfield of a {fieldType?.Kind.ToString() ?? "void"}."),
            };
            byteOffset = bitOffset / 8 / byteSize * byteSize;
            // The smallest power-of-two load that covers the bitfield.
            while (bitOffset + bitSize - byteOffset * 8 > byteSize * 8)
            {
                if (byteSize >= 8)
                    throw new BpfInvalidArgumentException($"{where} is a bitfield that no 64-bit load covers.", Errno.E2BIG);
                byteSize *= 2;
                byteOffset = bitOffset / 8 / byteSize * byteSize;
            }
        }
        else
        {
            byteSize = CoreSpec.TrySize(btf, fieldTypeId) ?? throw new ObjectFormatException($"{where} reaches a field of type [{fieldTypeId}], which has no size.");
            byteOffset = bitOffset / 8;
            bitSize = byteSize * 8;
        }

        // For bitfields, offsets and sizes may differ from the compiler's choice; only signedness and shifts are checked.
        bool validate = !bitfield;
        return kind switch
        {
            BtfCoreRelocationKind.FieldByteOffset => new Field((ulong)byteOffset, bitfield ? 0 : (int)byteSize, bitfield ? 0 : fieldTypeId, validate),
            BtfCoreRelocationKind.FieldByteSize => new Field((ulong)byteSize, 0, 0, validate),
            BtfCoreRelocationKind.FieldSigned => new Field(
                (fieldType is BtfEnum { IsSigned: true } || (fieldType is BtfInt integer && integer.Encoding.HasFlag(BtfIntEncoding.Signed))) ? 1UL : 0UL, 0, 0, true),
            BtfCoreRelocationKind.FieldLeftShift64 => new Field((ulong)(64 - (bitOffset + bitSize - byteOffset * 8)), 0, 0, validate),
            BtfCoreRelocationKind.FieldRightShift64 => new Field((ulong)(64 - bitSize), 0, 0, true),
            _ => throw new ObjectFormatException($"{where} has an unknown field relocation kind."),
        };
    }

    /// <summary>libbpf: bpf_core_calc_type_relo.</summary>
    private static (ulong Value, bool Validate) TypeValue(CoreSpec spec, BtfCoreRelocationKind kind, string access) => kind switch
    {
        // Type ids may change when objects are linked, so the compiler's value is not checked.
        BtfCoreRelocationKind.TypeIdTarget or BtfCoreRelocationKind.TypeIdLocal => ((ulong)spec.RootTypeId, false),
        BtfCoreRelocationKind.TypeExists or BtfCoreRelocationKind.TypeMatches => (1, true),
        BtfCoreRelocationKind.TypeSize => ((ulong)(CoreSpec.TrySize(spec.Btf, spec.RootTypeId)
            ?? throw new ObjectFormatException($"The CO-RE relocation on {access} (TypeSize) asks the size of a type that has none.")), true),
        _ => throw new ObjectFormatException($"The CO-RE relocation on {access} has an unknown type relocation kind {kind}."),
    };

    /// <summary>libbpf: bpf_core_calc_enumval_relo. Null asks for poisoning.</summary>
    private static ulong? EnumValue(CoreSpec? spec, BtfCoreRelocationKind kind)
    {
        if (kind == BtfCoreRelocationKind.EnumValueExists)
            return spec is null ? 0UL : 1UL;
        if (spec is null)
            return null;
        var accessor = spec.Accessors[0];
        var enumeration = (BtfEnum)spec.Btf[accessor.TypeId]!;
        return unchecked((ulong)enumeration.Values[accessor.Index].Value);
    }
}
