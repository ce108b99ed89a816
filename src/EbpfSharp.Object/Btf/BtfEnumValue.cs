namespace EbpfSharp.Object.Btf;

/// <summary>One enumerator.</summary>
public sealed record BtfEnumValue(string Name, long Value);
