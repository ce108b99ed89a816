namespace EbpfSharp.Object.Btf;

/// <summary>What a CO-RE relocation computes (kernel: include/uapi/linux/bpf.h, enum bpf_core_relo_kind).</summary>
public enum BtfCoreRelocationKind : uint
{
    /// <summary>Field byte offset.</summary>
    FieldByteOffset = 0,
    /// <summary>Field byte size.</summary>
    FieldByteSize = 1,
    /// <summary>Whether the field exists (1 or 0).</summary>
    FieldExists = 2,
    /// <summary>Whether the field is signed.</summary>
    FieldSigned = 3,
    /// <summary>Left shift for bitfield extraction.</summary>
    FieldLeftShift64 = 4,
    /// <summary>Right shift for bitfield extraction.</summary>
    FieldRightShift64 = 5,
    /// <summary>The local BTF type id.</summary>
    TypeIdLocal = 6,
    /// <summary>The target (kernel) BTF type id.</summary>
    TypeIdTarget = 7,
    /// <summary>Whether the type exists in the target.</summary>
    TypeExists = 8,
    /// <summary>The type's size in the target.</summary>
    TypeSize = 9,
    /// <summary>Whether the enumerator exists in the target.</summary>
    EnumValueExists = 10,
    /// <summary>The enumerator's value in the target.</summary>
    EnumValue = 11,
    /// <summary>Whether the type matches the target's.</summary>
    TypeMatches = 12,
}
