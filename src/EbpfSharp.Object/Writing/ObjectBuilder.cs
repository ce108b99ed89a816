using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Writing;

/// <summary>
/// Writes an eBPF object file the way clang does, so the kernel, libbpf, bpftool and EbpfSharp's loader all
/// accept it: entry programs in their sections, subprograms in <c>.text</c>, BTF-defined maps in
/// <c>.maps</c>, global data in <c>.data</c>/<c>.rodata</c>/<c>.bss</c>, relocations, a license, <c>.BTF</c>
/// with FUNC records for every function and <c>.BTF.ext</c> with func_info and line_info. The layout
/// follows what libbpf reads (libbpf: src/libbpf.c, bpf_object__elf_collect); see docs/object-model.md.
/// </summary>
public sealed class ObjectBuilder
{
    private readonly List<FunctionCode> _functions = [];
    private readonly List<MapDeclaration> _maps = [];
    private readonly List<GlobalVariable> _globals = [];

    /// <summary>Creates a builder for an object with the given license.</summary>
    public ObjectBuilder(string license = "GPL")
    {
        License = license;
        Types = new BtfTypeCache(Btf);
    }

    /// <summary>The license string; GPL-only helpers need a GPL-compatible one.</summary>
    public string License { get; set; }

    /// <summary>The object's BTF. Add key, value and variable types here (or through <see cref="Types"/>).</summary>
    public BtfSection Btf { get; } = new();

    /// <summary>Adds common types to <see cref="Btf"/> once each.</summary>
    public BtfTypeCache Types { get; }

    /// <summary>Adds an entry program (<see cref="FunctionCode.SectionName"/> set) or a <c>.text</c> subprogram.</summary>
    public ObjectBuilder AddFunction(FunctionCode function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (_functions.Any(existing => existing.Name == function.Name))
            throw new ArgumentException($"A function named '{function.Name}' was already added.", nameof(function));
        if (function.Instructions.Count == 0)
            throw new ArgumentException($"Function '{function.Name}' has no instructions.", nameof(function));
        _functions.Add(function);
        return this;
    }

    /// <summary>Adds a BTF-defined map.</summary>
    public ObjectBuilder AddMap(MapDeclaration map)
    {
        ArgumentNullException.ThrowIfNull(map);
        RequireUniqueSymbol(map.Name);
        _maps.Add(map);
        return this;
    }

    /// <summary>Adds a global variable.</summary>
    public ObjectBuilder AddGlobal(GlobalVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (GlobalDataSection.Kind(variable.SectionName) is null)
            throw new ArgumentException($"Global '{variable.Name}' is in '{variable.SectionName}'; globals go in .data, .rodata or .bss (or .data.*, .rodata.*, .bss.*).", nameof(variable));
        RequireUniqueSymbol(variable.Name);
        _globals.Add(variable);
        return this;
    }

    /// <summary>Builds the object as an <see cref="ElfFile"/>.</summary>
    /// <exception cref="InvalidOperationException">A label or symbol is missing, or debug information is incomplete.</exception>
    public ElfFile Build() => new ObjectAssembler(this).Assemble();

    /// <summary>Builds the object and returns its bytes.</summary>
    public byte[] Write() => Build().Write();

    internal IReadOnlyList<FunctionCode> Functions => _functions;

    internal IReadOnlyList<MapDeclaration> Maps => _maps;

    internal IReadOnlyList<GlobalVariable> Globals => _globals;

    private void RequireUniqueSymbol(string name)
    {
        if (_maps.Any(map => map.Name == name) || _globals.Any(global => global.Name == name))
            throw new ArgumentException($"A map or global named '{name}' was already added.", nameof(name));
    }
}
