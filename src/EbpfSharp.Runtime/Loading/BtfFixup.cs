using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Runtime.Loading;

/// <summary>
/// Completes what the compiler leaves to the loader in BTF (libbpf: src/libbpf.c, btf_fixup_datasec and
/// bpf_object__sanitize_and_load_btf): DATASEC sizes come from the ELF section, variable offsets from their
/// symbols, variables sorted by offset (the kernel requires it), and hidden global functions become static.
/// </summary>
internal sealed class BtfFixup(BtfSection btf, ElfFile elf, IReadOnlyList<ElfSymbol> symbols)
{
    public void Apply()
    {
        for (int i = 0; i < btf.Types.Count; i++)
        {
            btf.Types[i] = btf.Types[i] switch
            {
                BtfDataSection section => FixDataSection(section),
                BtfFunction { Linkage: BtfFunctionLinkage.Global } function when IsHidden(function.Name) => function with { Linkage = BtfFunctionLinkage.Static },
                var other => other,
            };
        }
    }

    private BtfDataSection FixDataSection(BtfDataSection section)
    {
        if (elf.FindSection(section.Name) is not { } elfSection)
            return section;
        var variables = new List<BtfVariableInfo>(section.Variables.Count);
        foreach (var info in section.Variables)
        {
            var variable = btf.Get(info.TypeId) as BtfVariable ?? btf.Get<BtfVariable>(info.TypeId, $"DATASEC '{section.Name}'");
            if (variable.Linkage == BtfVariableLinkage.Static)
            {
                variables.Add(info);
                continue;
            }
            var symbol = GlobalObject(variable.Name)
                ?? throw new ObjectFormatException($"Section '{section.Name}': BTF names the variable '{variable.Name}', but the ELF symbol table has no global object of that name.");
            variables.Add(info with { Offset = (uint)symbol.Value });
        }
        return section with { Size = (uint)elfSection.Size, Variables = variables.OrderBy(v => v.Offset).ToArray() };
    }

    /// <summary>The first global or weak object symbol named <paramref name="name"/>, or null.</summary>
    private ElfSymbol? GlobalObject(string name)
    {
        for (int i = 0; i < symbols.Count; i++)
        {
            var s = symbols[i];
            if (s.Name == name && s.Type == ElfSymbolType.Object && s.Binding is ElfSymbolBinding.Global or ElfSymbolBinding.Weak)
                return s;
        }
        return null;
    }

    private bool IsHidden(string name)
    {
        for (int i = 0; i < symbols.Count; i++)
        {
            var s = symbols[i];
            if (s.Name == name && s.Type == ElfSymbolType.Function && s.Binding == ElfSymbolBinding.Global
                && s.Visibility is ElfSymbolVisibility.Hidden or ElfSymbolVisibility.Internal)
                return true;
        }
        return false;
    }
}
