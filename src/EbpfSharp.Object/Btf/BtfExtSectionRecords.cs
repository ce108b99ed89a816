namespace EbpfSharp.Object.Btf;

/// <summary>The records of one kind that belong to one code section.</summary>
/// <param name="SectionName">The ELF code section (<c>xdp</c>, <c>.text</c>, …).</param>
/// <param name="Records">The records, in instruction order.</param>
public sealed record BtfExtSectionRecords<T>(string SectionName, EquatableArray<T> Records);
