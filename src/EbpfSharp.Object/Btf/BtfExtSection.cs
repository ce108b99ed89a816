namespace EbpfSharp.Object.Btf;

/// <summary>A func_info record: the function starting at <paramref name="InstructionOffset"/> has FUNC type <paramref name="TypeId"/>.</summary>
/// <param name="InstructionOffset">In an object file, a byte offset in the code section; in PROG_LOAD, an instruction index.</param>
/// <param name="TypeId">A BTF FUNC id.</param>
public sealed record BtfFunctionInfo(uint InstructionOffset, int TypeId);

/// <summary>A line_info record: the source line that produced the instruction at <paramref name="InstructionOffset"/>.</summary>
/// <param name="InstructionOffset">In an object file, a byte offset in the code section; in PROG_LOAD, an instruction index.</param>
/// <param name="FileName">The source file path.</param>
/// <param name="LineText">The text of the source line (may be empty).</param>
/// <param name="LineNumber">1-based line (22 bits).</param>
/// <param name="Column">1-based column (10 bits).</param>
public sealed record BtfLineInfo(uint InstructionOffset, string FileName, string LineText, uint LineNumber, uint Column);

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

/// <summary>A CO-RE relocation record.</summary>
/// <param name="InstructionOffset">Byte offset of the instruction to patch in its code section.</param>
/// <param name="TypeId">Local BTF id of the root type.</param>
/// <param name="AccessString">Colon-separated access indices ("0:1"), or the enumerator index for enum relocations.</param>
/// <param name="Kind">What to compute.</param>
public sealed record BtfCoreRelocation(uint InstructionOffset, int TypeId, string AccessString, BtfCoreRelocationKind Kind);

/// <summary>The records of one kind that belong to one code section.</summary>
/// <param name="SectionName">The ELF code section (<c>xdp</c>, <c>.text</c>, …).</param>
/// <param name="Records">The records, in instruction order.</param>
public sealed record BtfExtSectionRecords<T>(string SectionName, EquatableArray<T> Records);

/// <summary>
/// The contents of a <c>.BTF.ext</c> section: per code section, func_info, line_info and CO-RE relocation
/// records. Strings (section and file names, line text, access strings) live in the <c>.BTF</c> string table.
/// </summary>
public sealed class BtfExtSection : IEquatable<BtfExtSection>
{
    /// <summary>func_info per code section.</summary>
    public List<BtfExtSectionRecords<BtfFunctionInfo>> FunctionInfos { get; } = [];

    /// <summary>line_info per code section.</summary>
    public List<BtfExtSectionRecords<BtfLineInfo>> LineInfos { get; } = [];

    /// <summary>CO-RE relocations per code section.</summary>
    public List<BtfExtSectionRecords<BtfCoreRelocation>> CoreRelocations { get; } = [];

    /// <summary>The func_info records of <paramref name="sectionName"/> (empty when there are none).</summary>
    public IReadOnlyList<BtfFunctionInfo> FunctionInfosOf(string sectionName) => Of(FunctionInfos, sectionName);

    /// <summary>The line_info records of <paramref name="sectionName"/> (empty when there are none).</summary>
    public IReadOnlyList<BtfLineInfo> LineInfosOf(string sectionName) => Of(LineInfos, sectionName);

    /// <summary>The CO-RE relocations of <paramref name="sectionName"/> (empty when there are none).</summary>
    public IReadOnlyList<BtfCoreRelocation> CoreRelocationsOf(string sectionName) => Of(CoreRelocations, sectionName);

    /// <summary>Reads a <c>.BTF.ext</c> blob; its strings are resolved in <paramref name="btf"/>'s string table.</summary>
    /// <exception cref="ObjectFormatException">The blob is malformed, or <paramref name="btf"/> was not read from bytes.</exception>
    public static BtfExtSection Read(ReadOnlySpan<byte> bytes, BtfSection btf) => BtfExtReader.Read(bytes, btf);

    /// <inheritdoc />
    public bool Equals(BtfExtSection? other) =>
        other is not null
        && FunctionInfos.SequenceEqual(other.FunctionInfos)
        && LineInfos.SequenceEqual(other.LineInfos)
        && CoreRelocations.SequenceEqual(other.CoreRelocations);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BtfExtSection);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FunctionInfos.Count, LineInfos.Count, CoreRelocations.Count);

    private static IReadOnlyList<T> Of<T>(List<BtfExtSectionRecords<T>> sections, string sectionName)
    {
        var records = new List<T>();
        foreach (var section in sections)
            if (section.SectionName == sectionName)
                records.AddRange(section.Records);
        return records;
    }
}
