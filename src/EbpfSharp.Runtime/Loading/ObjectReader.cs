using System.Text;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime.Loading;

/// <summary>
/// Reads an eBPF ELF object into an <see cref="ObjectSpec"/> the way libbpf's bpf_object__open does:
/// code sections split into functions by STT_FUNC symbols, BTF-defined and global-data maps, relocations
/// classified by the instruction they patch (libbpf: src/libbpf.c, bpf_object__elf_collect,
/// bpf_program__record_reloc). Nothing here makes a syscall.
/// </summary>
internal sealed class ObjectReader
{
    private readonly ElfFile _elf;
    private readonly string _name;
    private readonly List<string> _warnings = [];
    private IReadOnlyList<ElfSymbol> _symbols = [];
    private BtfSection? _btf;
    private BtfExtSection? _ext;
    private readonly List<FunctionSpec> _functions = [];
    private readonly List<MapSpec> _maps = [];

    /// <summary>
    /// A data section becomes one array value, which the kernel caps at KMALLOC_MAX_SIZE (kernel:
    /// kernel/bpf/arraymap.c, array_map_alloc_check; a few MiB). Larger claims are refused before allocating.
    /// </summary>
    private const ulong MaxDataSectionSize = 64UL << 20;

    private ObjectReader(ElfFile elf, string name)
    {
        _elf = elf;
        _name = name;
    }

    public static ObjectSpec Read(ReadOnlySpan<byte> bytes, string name)
    {
        var elf = ElfFile.Read(bytes);
        return new ObjectReader(elf, name).Read();
    }

    private ObjectSpec Read()
    {
        if (_elf.Machine is not (ElfMachine.Bpf or ElfMachine.None))
            throw new ObjectFormatException($"Object '{_name}' is for machine {_elf.Machine}, not BPF ({ElfMachine.Bpf}).");
        if (_elf.Type != ElfFileType.Relocatable)
            throw new ObjectFormatException($"Object '{_name}' is an ELF {_elf.Type} file; eBPF objects are relocatable (ET_REL).");
        if (_elf.FindSection("maps") is { } legacy && legacy.Size > 0)
            throw new ObjectFormatException($"Object '{_name}' declares maps in a legacy 'maps' section (struct bpf_map_def), which libbpf 1.0 and EbpfSharp do not support. Declare maps in '.maps' with BTF.");
        var symbolTable = _elf.SymbolTable
            ?? throw new ObjectFormatException($"Object '{_name}' has no symbol table (was it stripped?); programs, maps and relocations need one.");
        _symbols = _elf.ReadSymbols(symbolTable);

        ReadBtf();
        ReadFunctions();
        ReadMaps();
        ReadRelocations();
        ResolveUnrelocatedCalls();
        AssignDebugInfo();

        var programs = _functions
            .Where(function => function.SectionName != ".text")
            .Select(function => new ProgramSpec(function, ProgramSection.Find(function.SectionName), !function.SectionName.StartsWith('?')))
            .ToList();
        return new ObjectSpec(KernelSafeName(_name), ReadLicense(), _btf, _ext, programs, _functions, _maps, _warnings);
    }

    private string ReadLicense()
    {
        if (_elf.FindSection("license") is not { } section)
            return string.Empty;
        int end = Array.IndexOf(section.Data, (byte)0);
        return Encoding.UTF8.GetString(section.Data, 0, end < 0 ? section.Data.Length : end);
    }

    private void ReadBtf()
    {
        bool needed = _elf.FindSection(".maps") is not null;
        if (_elf.FindSection(".BTF") is not { } section)
        {
            if (needed)
                throw new ObjectFormatException($"Object '{_name}' declares maps in '.maps' but has no .BTF section; BTF describes those maps.");
            return;
        }
        try
        {
            _btf = BtfSection.Read(section.Data);
            new BtfFixup(_btf, _elf, _symbols).Apply();
        }
        catch (ObjectFormatException exception)
        {
            if (needed)
                throw new ObjectFormatException($"Object '{_name}' has a .BTF section that cannot be used, and its '.maps' need it: {exception.Message}", exception);
            _warnings.Add($".BTF ignored: {exception.Message}");
            _btf = null;
            return;
        }
        if (_elf.FindSection(".BTF.ext") is { } extSection)
        {
            try
            {
                _ext = BtfExtSection.Read(extSection.Data, _btf);
            }
            catch (ObjectFormatException exception)
            {
                _warnings.Add($".BTF.ext ignored (no source lines or function info): {exception.Message}");
            }
        }
    }

    private void ReadFunctions()
    {
        for (int sectionIndex = 1; sectionIndex < _elf.Sections.Count; sectionIndex++)
        {
            var section = _elf.Sections[sectionIndex];
            if (!section.IsCode || section.Size == 0)
                continue;
            if (section.Size % 8 != 0)
                throw new ObjectFormatException($"Code section '{section.Name}' is {section.Size} bytes, not a multiple of 8.");
            bool isText = section.Name == ".text";
            var symbols = _symbols
                .Where(symbol => symbol.Type == ElfSymbolType.Function && symbol.SectionIndex == sectionIndex)
                .OrderBy(symbol => symbol.Value)
                .ToList();
            foreach (var symbol in symbols)
            {
                if (symbol.Value % 8 != 0 || symbol.Size == 0 || symbol.Size % 8 != 0 || symbol.Value + symbol.Size > section.Size || symbol.Value + symbol.Size < symbol.Value)
                    throw new ObjectFormatException($"Section '{section.Name}': corrupted program '{symbol.Name}' at offset {symbol.Value}, size {symbol.Size} (it must be a non-empty multiple of 8 inside the section).");
                if (!isText && symbol.Binding == ElfSymbolBinding.Local)
                    throw new ObjectFormatException($"Program '{symbol.Name}' in section '{section.Name}' is static; entry programs must be global symbols.");
                if (HasFunction(symbol.Name))
                    throw new ObjectFormatException($"Object '{_name}' defines the function '{symbol.Name}' twice.");
                var instructions = InstructionEncoder.Decode(section.Data.AsSpan((int)symbol.Value, (int)symbol.Size));
                _functions.Add(new FunctionSpec(symbol.Name, sectionIndex, section.Name, (int)symbol.Value, instructions));
            }
        }
        // The functions of a section were added together, in offset order: neighbours are the ones that can overlap.
        for (int i = 1; i < _functions.Count; i++)
        {
            var previous = _functions[i - 1];
            var function = _functions[i];
            if (previous.SectionIndex == function.SectionIndex && previous.ByteOffset + previous.SlotCount * 8 > function.ByteOffset)
                throw new ObjectFormatException($"Functions '{previous.Name}' and '{function.Name}' overlap in section '{function.SectionName}'.");
        }
    }

    private bool HasFunction(string name)
    {
        foreach (var function in _functions)
            if (function.Name == name)
                return true;
        return false;
    }

    private void ReadMaps()
    {
        if (_elf.FindSection(".maps") is { } mapsSection)
            _maps.AddRange(new MapDefinitionParser(_btf!, _elf, _symbols, _elf.IndexOf(mapsSection)).Parse());
        for (int sectionIndex = 1; sectionIndex < _elf.Sections.Count; sectionIndex++)
        {
            var section = _elf.Sections[sectionIndex];
            if (GlobalDataSection.Kind(section.Name) is not { } kind || section.Size == 0)
                continue;
            if (section.Type is not (ElfSectionType.ProgBits or ElfSectionType.NoBits))
                continue;
            if (section.Size > MaxDataSectionSize)
                throw new ObjectFormatException($"Data section '{section.Name}' is {section.Size} bytes, more than any kernel accepts as a map value.");
            int datasecId = _btf?.FindId(section.Name, BtfKind.DataSection) ?? 0;
            bool mmapable = datasecId != 0 && _btf!.Get<BtfDataSection>(datasecId, section.Name).Variables
                .Any(variable => _btf.Get(variable.TypeId) is BtfVariable { Linkage: not BtfVariableLinkage.Static });
            var flags = (kind == ".rodata" ? BpfMapFlags.ReadOnlyProgram : BpfMapFlags.None) | (mmapable ? BpfMapFlags.Mmapable : BpfMapFlags.None);
            string mapName = DataMapName(section.Name);
            var definition = new MapDefinition(mapName, BpfMapType.Array, 4, (int)section.Size, 1, flags) { BtfValueTypeId = datasecId };
            var map = new MapSpec(mapName, definition, section.Name, 0)
            {
                InitialValue = section.Type == ElfSectionType.NoBits ? new byte[section.Size] : (byte[])section.Data.Clone(),
            };
            map.Variables = DataVariables(section, sectionIndex, mapName, datasecId);
            _maps.Add(map);
        }
        if (!HasDuplicateName(_maps))
            return;
        var duplicate = _maps.GroupBy(map => map.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ObjectFormatException($"Object '{_name}' defines two maps named '{duplicate.Key}' (sections {string.Join(" and ", duplicate.Select(map => map.SectionName))}).");
    }

    private static bool HasDuplicateName(List<MapSpec> maps)
    {
        var names = new HashSet<string>(maps.Count, StringComparer.Ordinal);
        foreach (var map in maps)
            if (!names.Add(map.Name))
                return true;
        return false;
    }

    private List<GlobalVariableSpec> DataVariables(ElfSection section, int sectionIndex, string mapName, int datasecId)
    {
        if (datasecId != 0)
        {
            return _btf!.Get<BtfDataSection>(datasecId, section.Name).Variables
                .Select(info => (Info: info, Variable: _btf.Get(info.TypeId) as BtfVariable))
                .Where(pair => pair.Variable is not null)
                .Select(pair => new GlobalVariableSpec(pair.Variable!.Name, mapName, (int)pair.Info.Offset, (int)pair.Info.Size, pair.Variable.TypeId))
                .ToList();
        }
        return _symbols
            .Where(symbol => symbol.SectionIndex == sectionIndex && symbol.Type == ElfSymbolType.Object && symbol.Name.Length > 0)
            .Select(symbol => new GlobalVariableSpec(symbol.Name, mapName, (int)symbol.Value, (int)symbol.Size, 0))
            .ToList();
    }

    /// <summary>libbpf's internal map name: up to 8 characters of the object name, then the section name, at most 15 in all.</summary>
    private string DataMapName(string sectionName)
    {
        string prefix = KernelSafeName(_name);
        int keep = Math.Min(8, Math.Max(0, 15 - sectionName.Length));
        return prefix[..Math.Min(prefix.Length, keep)] + sectionName;
    }

    private static string KernelSafeName(string name)
    {
        var builder = new StringBuilder();
        foreach (char c in name)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return builder.Length == 0 ? "object" : builder.ToString();
    }

    private void ReadRelocations()
    {
        for (int sectionIndex = 1; sectionIndex < _elf.Sections.Count; sectionIndex++)
        {
            var section = _elf.Sections[sectionIndex];
            if (section.Type != ElfSectionType.Relocations)
                continue;
            if (section.Info == 0 || section.Info >= _elf.Sections.Count)
                throw new ObjectFormatException($"Relocation section '{section.Name}' targets section {section.Info}, which does not exist.");
            var target = _elf.Sections[(int)section.Info];
            if (target.Name == ".maps")
            {
                new MapDefinitionParser(_btf!, _elf, _symbols, (int)section.Info).ApplyMapRelocations(_maps, _elf.ReadRelocations(section), _functions);
                continue;
            }
            if (!target.IsCode)
                continue;
            foreach (var relocation in _elf.ReadRelocations(section))
                Classify(relocation, (int)section.Info, target);
        }
    }

    private void Classify(ElfRelocation relocation, int sectionIndex, ElfSection section)
    {
        // Built only for an error message: most objects have many relocations and no errors.
        string Where() => $"relocation at offset {relocation.Offset} of section '{section.Name}'";
        if (relocation.SymbolIndex >= _symbols.Count)
            throw new ObjectFormatException($"The {Where()} names symbol #{relocation.SymbolIndex}, but the symbol table has {_symbols.Count}.");
        if (relocation.Offset % 8 != 0 || relocation.Offset >= section.Size)
            throw new ObjectFormatException($"The {Where()} is not on an instruction inside the section.");
        var symbol = _symbols[(int)relocation.SymbolIndex];
        var function = FunctionContaining(sectionIndex, (long)relocation.Offset)
            ?? throw new ObjectFormatException($"The {Where()} is outside every function of the section.");
        int index = function.InstructionAtSlot((int)(relocation.Offset - (ulong)function.ByteOffset) / 8);
        if (index < 0)
            throw new ObjectFormatException($"The {Where()} points into the middle of an ld_imm64 in '{function.Name}'.");
        var instruction = function.Instructions[index];
        string symbolName = symbol.Name.Length > 0 ? symbol.Name : SectionName(symbol.SectionIndex);

        if (symbol.SectionIndex == ElfSectionIndex.Undefined)
            throw new BpfNotSupportedException(
                $"Function '{function.Name}' refers to the extern symbol '{symbolName}' (__ksym, __kconfig or a kfunc), which EbpfSharp does not resolve yet.", 0);
        if (!symbol.IsDefined)
            throw new ObjectFormatException($"The {Where()} refers to '{symbolName}', which is not defined in a section (forgot to initialize a global variable?).");
        if (symbol.SectionIndex >= _elf.Sections.Count)
            throw new ObjectFormatException($"The {Where()} refers to '{symbolName}' in section {symbol.SectionIndex}, but the file has {_elf.Sections.Count} sections.");
        var symbolSection = _elf.Sections[symbol.SectionIndex];

        if (instruction.OpCode.Value == 0x85 && instruction.Source == PseudoSource.Call)
        {
            if (symbolSection.Name != ".text")
                throw new ObjectFormatException($"Function '{function.Name}' calls '{symbolName}' in section '{symbolSection.Name}'; subprograms must be in .text.");
            long targetByte = (long)symbol.Value + (instruction.Immediate + 1L) * 8;
            function.Relocations.Add(new CallRelocation(index, FunctionAt(symbol.SectionIndex, targetByte, function, symbolName)));
            return;
        }
        if (!instruction.IsWide)
            throw new ObjectFormatException($"The {Where()} patches a {instruction.OpCode} instruction in '{function.Name}'; only calls and ld_imm64 are relocated.");
        if (symbolSection.IsCode)
        {
            long targetByte = (long)symbol.Value + instruction.Immediate;
            function.Relocations.Add(new FunctionAddressRelocation(index, FunctionAt(symbol.SectionIndex, targetByte, function, symbolName)));
            return;
        }
        if (symbolSection.Name == ".maps")
        {
            var map = _maps.FirstOrDefault(m => m.SectionName == ".maps" && m.SectionOffset == (int)symbol.Value)
                ?? throw new ObjectFormatException($"Function '{function.Name}' refers to '{symbolName}' at offset {symbol.Value} of .maps, where no map is defined.");
            function.Relocations.Add(new MapRelocation(index, map.Name));
            return;
        }
        var dataMap = _maps.FirstOrDefault(m => m.IsGlobalData && m.SectionName == symbolSection.Name)
            ?? throw new ObjectFormatException($"Function '{function.Name}' refers to '{symbolName}' in section '{symbolSection.Name}', which is neither a map nor global data.");
        long offset = (long)symbol.Value + instruction.Immediate;
        if (offset < 0 || offset >= dataMap.Definition.ValueSize)
            throw new ObjectFormatException($"Function '{function.Name}' refers to offset {offset} of '{symbolSection.Name}', outside its {dataMap.Definition.ValueSize} bytes.");
        function.Relocations.Add(new DataRelocation(index, dataMap.Name, (int)offset));
    }

    private FunctionSpec? FunctionContaining(int sectionIndex, long byteOffset)
    {
        foreach (var function in _functions)
            if (function.Contains(sectionIndex, byteOffset))
                return function;
        return null;
    }

    /// <summary>Calls and callbacks within one section need no relocation: the immediate is already a distance.</summary>
    private void ResolveUnrelocatedCalls()
    {
        foreach (var function in _functions)
        {
            int relocatedCount = function.Relocations.Count;
            for (int i = 0; i < function.Instructions.Length; i++)
            {
                var instruction = function.Instructions[i];
                bool call = instruction.OpCode.Value == 0x85 && instruction.Source == PseudoSource.Call;
                bool callback = instruction.IsWide && instruction.Source == PseudoSource.Function;
                if ((!call && !callback) || IsRelocated(function, relocatedCount, i))
                    continue;
                long targetByte = function.ByteOffset + (function.SlotOfInstruction[i] + 1L + instruction.Immediate) * 8;
                var target = FunctionAt(function.SectionIndex, targetByte, function, $"instruction {i}");
                function.Relocations.Add(call ? new CallRelocation(i, target) : new FunctionAddressRelocation(i, target));
            }
        }
    }

    /// <summary>Whether one of the first <paramref name="count"/> relocations of the function patches instruction <paramref name="index"/>.</summary>
    private static bool IsRelocated(FunctionSpec function, int count, int index)
    {
        for (int i = 0; i < count; i++)
            if (function.Relocations[i].InstructionIndex == index)
                return true;
        return false;
    }

    private FunctionSpec FunctionAt(int sectionIndex, long byteOffset, FunctionSpec caller, string what)
    {
        foreach (var function in _functions)
            if (function.SectionIndex == sectionIndex && function.ByteOffset == byteOffset)
                return function;
        throw new ObjectFormatException(
            $"Function '{caller.Name}' calls {what} at offset {byteOffset} of section '{SectionName(sectionIndex)}', where no function starts.");
    }

    private string SectionName(int index) => index > 0 && index < _elf.Sections.Count ? _elf.Sections[index].Name : $"#{index}";

    /// <summary>Gives each function its func_info type and its line_info records (libbpf: adjust_prog_btf_ext_info).</summary>
    private void AssignDebugInfo()
    {
        if (_ext is null)
            return;
        AssignCoreRelocations();
        foreach (var function in _functions)
        {
            if (FunctionInfoOf(function) is { } info)
                function.FunctionTypeId = info.TypeId;
            AssignLines(function);
        }
    }

    /// <summary>The first func_info record of the function's section at the function's start, or null.</summary>
    private BtfFunctionInfo? FunctionInfoOf(FunctionSpec function)
    {
        foreach (var section in _ext!.FunctionInfos)
        {
            if (section.SectionName != function.SectionName)
                continue;
            foreach (var record in section.Records.AsSpan())
                if (record.InstructionOffset == function.ByteOffset)
                    return record;
        }
        return null;
    }

    /// <summary>The line_info records of the function's section inside the function, rebased to its start.</summary>
    private void AssignLines(FunctionSpec function)
    {
        long end = function.ByteOffset + function.SlotCount * 8L;
        foreach (var section in _ext!.LineInfos)
        {
            if (section.SectionName != function.SectionName)
                continue;
            foreach (var line in section.Records.AsSpan())
                if (line.InstructionOffset >= function.ByteOffset && line.InstructionOffset < end)
                    function.Lines.Add(line with { InstructionOffset = line.InstructionOffset - (uint)function.ByteOffset });
        }
    }

    /// <summary>
    /// Gives each function its CO-RE relocation records, by instruction index within the function (libbpf:
    /// bpf_object__relocate_core finds the program by section and instruction). Records outside every function
    /// (a weak subprogram the linker dropped) are skipped with a warning, as libbpf does.
    /// </summary>
    private void AssignCoreRelocations()
    {
        foreach (var section in _ext!.CoreRelocations)
        {
            foreach (var record in section.Records.AsSpan())
            {
                var function = _functions.FirstOrDefault(f => f.SectionName == section.SectionName && f.Contains(f.SectionIndex, record.InstructionOffset));
                if (function is null)
                {
                    _warnings.Add($"CO-RE relocation at offset {record.InstructionOffset} of section '{section.SectionName}' is outside every function; skipped.");
                    continue;
                }
                if (record.InstructionOffset % 8 != 0)
                    throw new ObjectFormatException($"The CO-RE relocation at offset {record.InstructionOffset} of section '{section.SectionName}' is not on an instruction boundary.");
                int index = function.InstructionAtSlot((int)(record.InstructionOffset - function.ByteOffset) / 8);
                if (index < 0)
                    throw new ObjectFormatException($"The CO-RE relocation at offset {record.InstructionOffset} of section '{section.SectionName}' points into the middle of an ld_imm64 in '{function.Name}'.");
                function.CoreRelocations.Add(new Core.FunctionCoreRelocation(index, record));
            }
        }
    }
}
