using EbpfSharp.Object.Btf;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Ir;

/// <summary>
/// A CO-RE relocation carried by a <see cref="IrOpcode.Materialize"/>: its constant is the value computed from the
/// program's own [KernelType] declarations (a field offset, 1 for "exists", a size, an enumerator's value), which
/// the loader replaces with the running kernel's. The instruction stays one instruction of its own to the end:
/// no pass folds a Materialize, and the emitter records where it lands.
/// </summary>
/// <param name="RootType">The [KernelType] struct, union or enum the access string starts from.</param>
/// <param name="Access">"0:1:2" for fields, "0" for types, the enumerator's index for enum values.</param>
/// <param name="Kind">What the loader computes.</param>
internal sealed record CoreRelocation(TypeReference RootType, string Access, BtfCoreRelocationKind Kind)
{
    public override string ToString() => $"core {Kind} {RootType.Name} \"{Access}\"";
}
