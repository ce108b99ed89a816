using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

/// <summary>What every method instance imported into one function shares.</summary>
internal sealed class ImportContext(IrFunction function, ProgramModule module, IReadOnlySet<string> memoryLocals)
{
    public IrFunction Function { get; } = function;

    public SsaBuilder Ssa { get; } = new(function);

    public ProgramModule Module { get; } = module;

    public TypeLayouts Layouts => Module.Layouts;

    /// <summary>Locals found to need memory in earlier attempts.</summary>
    public IReadOnlySet<string> MemoryLocals { get; } = memoryLocals;

    /// <summary>Methods being imported, innermost last, to catch recursion.</summary>
    public List<MethodDefinition> InlineStack { get; } = [];

    public int InstanceCount { get; set; }

    /// <summary>Values that are addresses inside [KernelType] structs (CO-RE), with the access path that reached them.</summary>
    public Dictionary<IrValue, KernelAddress> KernelAddresses { get; } = [];

    /// <summary>The program whose own method this function is (its kind and parameter bindings), or null for a subprogram.</summary>
    public ProgramShape? Program { get; init; }

    public SourceLocation? Locate(MethodDefinition method, int ilOffset) => Module.Debug.Locate(method, ilOffset);
}
