namespace EbpfSharp.Object.Btf;

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
