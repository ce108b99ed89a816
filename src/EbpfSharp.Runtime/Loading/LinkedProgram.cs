using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>A program ready for BPF_PROG_LOAD: one flat instruction array with its subprograms appended.</summary>
/// <param name="Code">Encoded instructions.</param>
/// <param name="Functions">The functions in the order they were laid out, main program first.</param>
/// <param name="FunctionInfos">func_info per function (empty when the object has no function info).</param>
/// <param name="LineInfos">line_info (empty when the object has none).</param>
internal sealed record LinkedProgram(byte[] Code, IReadOnlyList<FunctionSpec> Functions, KernelFunctionInfo[] FunctionInfos, KernelLineInfo[] LineInfos)
{
    /// <summary>Instructions (by slot) poisoned because their CO-RE relocation found nothing in the target BTF.</summary>
    public IReadOnlyDictionary<int, Core.PoisonedRelocation> Poisoned { get; init; } = new Dictionary<int, Core.PoisonedRelocation>();
}
