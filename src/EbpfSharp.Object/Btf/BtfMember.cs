namespace EbpfSharp.Object.Btf;

/// <summary>One member of a struct or union. <paramref name="BitOffset"/> counts bits from the start.</summary>
/// <param name="Name">The member name (empty for anonymous members).</param>
/// <param name="TypeId">The member's type.</param>
/// <param name="BitOffset">Bit offset from the start of the struct.</param>
/// <param name="BitfieldSize">Width of a bitfield in bits, or 0 (meaningful when the struct has kind_flag).</param>
public sealed record BtfMember(string Name, int TypeId, uint BitOffset, byte BitfieldSize = 0);
