using EbpfSharp.Object.Btf;

namespace EbpfSharp.Object.Writing;

/// <summary>
/// A CO-RE relocation on one instruction of a <see cref="FunctionCode"/>: the writer turns it into a
/// <c>.BTF.ext</c> core_relo record whose <c>insn_off</c> is the instruction's byte offset in its section.
/// The instruction must hold the value computed from the local BTF (libbpf checks it before patching):
/// an ALU/ALU64 instruction with an immediate, a load or store (its offset), or an ld_imm64.
/// </summary>
/// <param name="InstructionIndex">The instruction's index in <see cref="FunctionCode.Instructions"/> (not its slot).</param>
/// <param name="TypeId">The local BTF id of the root type (a struct, union or enum, not a pointer).</param>
/// <param name="AccessString">"0:1:2" for fields, "0" for types, the enumerator's index for enum values.</param>
/// <param name="Kind">What the loader computes.</param>
public sealed record CoreRelocationSite(int InstructionIndex, int TypeId, string AccessString, BtfCoreRelocationKind Kind);
