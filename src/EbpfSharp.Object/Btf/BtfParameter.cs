namespace EbpfSharp.Object.Btf;

/// <summary>One parameter of a function prototype; a trailing (empty name, type 0) parameter means varargs.</summary>
public sealed record BtfParameter(string Name, int TypeId);
