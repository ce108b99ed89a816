using EbpfSharp.Object.Btf;

namespace EbpfSharp.Runtime.Loading.Core;

/// <summary>
/// Matches a local CO-RE access against a candidate target type with libbpf's rules (libbpf: src/relo_core.c,
/// bpf_core_spec_match, bpf_core_match_member, bpf_core_fields_are_compat, bpf_core_types_are_compat,
/// bpf_core_types_match): members are found by name, looking through anonymous structs and unions; integers of
/// any size and signedness are compatible, structs with structs and unions with unions whatever their members.
/// </summary>
internal static class CoreMatcher
{
    private const int MaxDepth = 32;

    /// <summary>Why a candidate did not match, for the message when none does.</summary>
    /// <param name="AccessorIndex">The local accessor that found nothing (-1 when the whole type did not fit).</param>
    /// <param name="Incompatible">A member of that name exists but its type is not compatible.</param>
    /// <param name="OutOfRange">An array index is past the target array's length.</param>
    internal readonly record struct Mismatch(int AccessorIndex, bool Incompatible, bool OutOfRange = false);

    /// <summary>
    /// Fills <paramref name="target"/> (a spec rooted at the candidate) when the candidate fits <paramref name="local"/>.
    /// </summary>
    public static bool Match(CoreSpec local, CoreSpec target, out Mismatch mismatch)
    {
        mismatch = new Mismatch(-1, false);
        var targetBtf = target.Btf;
        int targetId = target.RootTypeId;
        if (CoreSpec.IsTypeBased(local.Kind))
        {
            return local.Kind == BtfCoreRelocationKind.TypeMatches
                ? TypesMatch(local.Btf, local.RootTypeId, targetBtf, targetId, behindPointer: false, MaxDepth)
                : TypesAreCompatible(local.Btf, local.RootTypeId, targetBtf, targetId, MaxDepth);
        }

        if (CoreSpec.IsEnumValueBased(local.Kind))
        {
            targetId = targetBtf.SkipModifiers(targetId);
            if (targetBtf[targetId] is not BtfEnum enumeration)
                return false;
            string wanted = CoreSpec.EssentialName(local.Accessors[0].Name!);
            for (int i = 0; i < enumeration.Values.Count; i++)
            {
                string name = enumeration.Values[i].Name;
                if (CoreSpec.EssentialName(name) == wanted)
                {
                    target.Accessors.Add(new CoreAccessor(targetId, i, name));
                    target.Raw.Add(i);
                    return true;
                }
            }
            mismatch = new Mismatch(0, false);
            return false;
        }

        for (int i = 0; i < local.Accessors.Count; i++)
        {
            var accessor = local.Accessors[i];
            targetId = targetBtf.SkipModifiers(targetId);
            if (accessor.Name is not null)
            {
                int found = MatchMember(local.Btf, accessor, targetBtf, targetId, target, out int next);
                if (found <= 0)
                {
                    mismatch = new Mismatch(i, found < 0);
                    return false;
                }
                targetId = next;
                continue;
            }
            if (i > 0)
            {
                if (targetBtf[targetId] is not BtfArray array)
                {
                    mismatch = new Mismatch(i, true);
                    return false;
                }
                bool flexible = CoreSpec.IsFlexibleArray(targetBtf, target.Accessors[^1], array);
                if (!flexible && accessor.Index >= array.Count)
                {
                    mismatch = new Mismatch(i, false, OutOfRange: true);
                    return false;
                }
                targetId = targetBtf.SkipModifiers(array.ElementTypeId);
            }
            if (target.Raw.Count == CoreSpec.MaxLength)
                return false;
            target.Accessors.Add(new CoreAccessor(targetId, accessor.Index, null));
            target.Raw.Add(accessor.Index);
            if (CoreSpec.TrySize(targetBtf, targetId) is not { } size)
            {
                mismatch = new Mismatch(i, true);
                return false;
            }
            target.BitOffset += accessor.Index * size * 8;
        }
        return true;
    }

    /// <summary>
    /// Finds the member named like <paramref name="accessor"/> in the struct or union <paramref name="targetId"/>,
    /// descending into anonymous members. 1 found and compatible, 0 not found, -1 found but incompatible.
    /// </summary>
    private static int MatchMember(BtfSection localBtf, CoreAccessor accessor, BtfSection targetBtf, int targetId, CoreSpec target, out int next)
    {
        next = 0;
        targetId = targetBtf.SkipModifiers(targetId);
        if (targetBtf[targetId] is not BtfStruct composite)
            return 0;
        var localMember = ((BtfStruct)localBtf[accessor.TypeId]!).Members[accessor.Index];
        for (int i = 0; i < composite.Members.Count; i++)
        {
            var member = composite.Members[i];
            if (target.Raw.Count == CoreSpec.MaxLength)
                return 0;
            target.BitOffset += member.BitOffset;
            target.Raw.Add(i);
            if (member.Name.Length == 0)
            {
                int found = MatchMember(localBtf, accessor, targetBtf, member.TypeId, target, out next);
                if (found != 0)
                    return found;
            }
            else if (member.Name == localMember.Name)
            {
                next = member.TypeId;
                if (FieldsAreCompatible(localBtf, localMember.TypeId, targetBtf, member.TypeId, MaxDepth))
                {
                    target.Accessors.Add(new CoreAccessor(targetId, i, member.Name));
                    return 1;
                }
                return -1;
            }
            target.BitOffset -= member.BitOffset;
            target.Raw.RemoveAt(target.Raw.Count - 1);
        }
        return 0;
    }

    private static bool IsAnyEnum(BtfType? type) => type is BtfEnum;

    /// <summary>Same kind, or both enums (32- or 64-bit) (libbpf: btf_kind_core_compat).</summary>
    private static bool KindsCompatible(BtfType local, BtfType target) =>
        local.Kind == target.Kind || (IsAnyEnum(local) && IsAnyEnum(target));

    /// <summary>Whether a local field type can be read from a target field type (libbpf: bpf_core_fields_are_compat).</summary>
    public static bool FieldsAreCompatible(BtfSection localBtf, int localId, BtfSection targetBtf, int targetId, int depth)
    {
        while (depth-- > 0)
        {
            localId = localBtf.SkipModifiers(localId);
            targetId = targetBtf.SkipModifiers(targetId);
            var local = localBtf[localId];
            var target = targetBtf[targetId];
            if (local is null || target is null)
                return false;
            if (local is BtfStruct && target is BtfStruct)
                return true;
            if (!KindsCompatible(local, target))
                return false;
            switch (local)
            {
                case BtfPointer or BtfFloat:
                    return true;
                case BtfForward or BtfEnum:
                {
                    int localLength = CoreSpec.EssentialNameLength(local.Name);
                    int targetLength = CoreSpec.EssentialNameLength(target.Name);
                    return localLength == 0 || targetLength == 0
                        || (localLength == targetLength && string.CompareOrdinal(local.Name, 0, target.Name, 0, localLength) == 0);
                }
                case BtfInt localInt:
                    return localInt.BitOffset == 0 && ((BtfInt)target).BitOffset == 0;
                case BtfArray localArray:
                    localId = localArray.ElementTypeId;
                    targetId = ((BtfArray)target).ElementTypeId;
                    continue;
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Whether two types are compatible for type-based relocations (libbpf: bpf_core_types_are_compat).</summary>
    public static bool TypesAreCompatible(BtfSection localBtf, int localId, BtfSection targetBtf, int targetId, int depth)
    {
        while (depth-- > 0)
        {
            localId = localBtf.SkipModifiers(localId);
            targetId = targetBtf.SkipModifiers(targetId);
            var local = localBtf[localId];
            var target = targetBtf[targetId];
            if (local is null || target is null)
                return local is null && target is null;
            if (!KindsCompatible(local, target))
                return false;
            switch (local)
            {
                case BtfStruct or BtfEnum or BtfForward:
                    return true;
                case BtfInt localInt:
                    return localInt.BitOffset == 0 && ((BtfInt)target).BitOffset == 0;
                case BtfPointer localPointer:
                    localId = localPointer.TypeId;
                    targetId = ((BtfPointer)target).TypeId;
                    continue;
                case BtfArray localArray:
                    localId = localArray.ElementTypeId;
                    targetId = ((BtfArray)target).ElementTypeId;
                    continue;
                case BtfFunctionProto localProto:
                {
                    var targetProto = (BtfFunctionProto)target;
                    if (localProto.Parameters.Count != targetProto.Parameters.Count)
                        return false;
                    for (int i = 0; i < localProto.Parameters.Count; i++)
                        if (!TypesAreCompatible(localBtf, localProto.Parameters[i].TypeId, targetBtf, targetProto.Parameters[i].TypeId, depth))
                            return false;
                    localId = localProto.ReturnTypeId;
                    targetId = targetProto.ReturnTypeId;
                    continue;
                }
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>
    /// The stricter TYPE_MATCHES test (libbpf: bpf_core_types_match): names agree, every local member or enumerator
    /// exists in the target with a matching type, integers agree in size and signedness, arrays in length.
    /// Behind a pointer, structs and unions are compared by name only.
    /// </summary>
    public static bool TypesMatch(BtfSection localBtf, int localId, BtfSection targetBtf, int targetId, bool behindPointer, int depth)
    {
        if (depth <= 0)
            return false;
        localId = localBtf.SkipModifiers(localId);
        targetId = targetBtf.SkipModifiers(targetId);
        var local = localBtf[localId];
        var target = targetBtf[targetId];
        if (local is null || target is null)
            return local is null && target is null;
        if (!NamesMatch(local.Name, target.Name))
            return false;
        if (local is BtfForward || target is BtfForward)
        {
            bool localUnion = local is BtfForward f1 ? f1.IsUnion : local.Kind == BtfKind.Union;
            bool targetUnion = target is BtfForward f2 ? f2.IsUnion : target.Kind == BtfKind.Union;
            return (local is BtfForward or BtfStruct) && (target is BtfForward or BtfStruct) && localUnion == targetUnion;
        }
        if (!KindsCompatible(local, target))
            return false;
        switch (local)
        {
            case BtfEnum localEnum:
            {
                var targetEnum = (BtfEnum)target;
                if (localEnum.Size != targetEnum.Size)
                    return false;
                return localEnum.Values.All(value => targetEnum.Values.Any(other => NamesMatch(value.Name, other.Name)));
            }
            case BtfStruct localStruct:
            {
                if (behindPointer)
                    return true;
                var targetStruct = (BtfStruct)target;
                if (localStruct.Members.Count > targetStruct.Members.Count)
                    return false;
                foreach (var member in localStruct.Members)
                {
                    var other = targetStruct.Members.FirstOrDefault(candidate => candidate.Name == member.Name);
                    if (other is null || !TypesMatch(localBtf, member.TypeId, targetBtf, other.TypeId, false, depth - 1))
                        return false;
                }
                return true;
            }
            case BtfInt localInt:
            {
                var targetInt = (BtfInt)target;
                return localInt.Size == targetInt.Size
                    && localInt.Encoding.HasFlag(BtfIntEncoding.Signed) == targetInt.Encoding.HasFlag(BtfIntEncoding.Signed);
            }
            case BtfFloat localFloat:
                return localFloat.Size == ((BtfFloat)target).Size;
            case BtfPointer localPointer:
                return TypesMatch(localBtf, localPointer.TypeId, targetBtf, ((BtfPointer)target).TypeId, true, depth - 1);
            case BtfArray localArray:
            {
                var targetArray = (BtfArray)target;
                return localArray.Count == targetArray.Count
                    && TypesMatch(localBtf, localArray.ElementTypeId, targetBtf, targetArray.ElementTypeId, behindPointer, depth - 1);
            }
            case BtfFunctionProto localProto:
            {
                var targetProto = (BtfFunctionProto)target;
                if (localProto.Parameters.Count != targetProto.Parameters.Count)
                    return false;
                for (int i = 0; i < localProto.Parameters.Count; i++)
                    if (!TypesMatch(localBtf, localProto.Parameters[i].TypeId, targetBtf, targetProto.Parameters[i].TypeId, behindPointer, depth - 1))
                        return false;
                return TypesMatch(localBtf, localProto.ReturnTypeId, targetBtf, targetProto.ReturnTypeId, behindPointer, depth - 1);
            }
            default:
                return false;
        }
    }

    private static bool NamesMatch(string local, string target)
    {
        int length = CoreSpec.EssentialNameLength(local);
        return length == 0 || (length == CoreSpec.EssentialNameLength(target) && string.CompareOrdinal(local, 0, target, 0, length) == 0);
    }
}
