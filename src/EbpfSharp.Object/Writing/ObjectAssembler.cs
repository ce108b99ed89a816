using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Writing;

/// <summary>Lays out one <see cref="ObjectBuilder"/>'s contents as ELF sections, symbols, relocations and BTF.</summary>
internal sealed class ObjectAssembler
{
    private const int MapSlotSize = 8;

    private readonly ObjectBuilder _builder;
    private readonly ElfFile _file = new();
    private readonly StringTable _strings = new();
    private readonly List<ElfSymbol> _localSymbols = [];
    private readonly List<ElfSymbol> _globalSymbols = [];
    private readonly Dictionary<string, (bool Local, int Index)> _symbolSlots = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<(SymbolReference Reference, int SectionIndex)>> _pendingRelocations = new();
    private readonly BtfExtSection _ext = new();

    public ObjectAssembler(ObjectBuilder builder) => _builder = builder;

    public ElfFile Assemble()
    {
        var stringSection = AddSection(new ElfSection(".strtab", ElfSectionType.StringTable));
        _file.SectionNameTableIndex = _file.IndexOf(stringSection);

        var code = EmitCode();
        var dataSections = EmitData();
        EmitMaps();
        AddSection(new ElfSection("license", ElfSectionType.ProgBits)
        {
            Flags = ElfSectionFlags.Write | ElfSectionFlags.Alloc,
            Data = System.Text.Encoding.UTF8.GetBytes(_builder.License + "\0"),
        });

        EmitFunctionTypes(code);
        EmitDataSectionTypes(dataSections);
        var blobs = BtfWriter.Write(_builder.Btf, _ext.FunctionInfos.Count > 0 ? _ext : null);
        AddSection(new ElfSection(".BTF", ElfSectionType.ProgBits) { Alignment = 4, Data = blobs.Btf });
        if (blobs.Ext is not null)
            AddSection(new ElfSection(".BTF.ext", ElfSectionType.ProgBits) { Alignment = 4, Data = blobs.Ext });

        EmitSymbolsAndRelocations(stringSection);
        return _file;
    }

    private sealed record PlacedFunction(FunctionCode Function, int SectionIndex, int ByteOffset, EncodedInstructions Encoded);

    /// <summary>Encodes every function into .text (subprograms) or its program section, grouped by section name.</summary>
    private List<PlacedFunction> EmitCode()
    {
        var placed = new List<PlacedFunction>();
        var groups = _builder.Functions
            .GroupBy(function => function.SectionName ?? ".text")
            .OrderBy(group => group.Key == ".text" ? 0 : 1);
        foreach (var group in groups)
        {
            var section = AddSection(new ElfSection(group.Key, ElfSectionType.ProgBits)
            {
                Flags = ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr,
                Alignment = 8,
            });
            int sectionIndex = _file.IndexOf(section);
            using var bytes = new MemoryStream();
            foreach (var function in group)
            {
                EncodedInstructions encoded;
                try
                {
                    encoded = InstructionEncoder.Encode(function.Instructions);
                }
                catch (InvalidOperationException exception)
                {
                    throw new InvalidOperationException($"Function '{function.Name}': {exception.Message}", exception);
                }
                int offset = (int)bytes.Length;
                bytes.Write(encoded.Bytes);
                placed.Add(new PlacedFunction(function, sectionIndex, offset, encoded));
                var symbol = new ElfSymbol(function.Name, (ulong)offset, (ulong)encoded.Bytes.Length, ElfSymbolType.Function,
                    function.IsProgram ? ElfSymbolBinding.Global : ElfSymbolBinding.Local, ElfSymbolVisibility.Default, (ushort)sectionIndex);
                AddSymbol(symbol);
                foreach (var reference in encoded.References)
                    Pending(sectionIndex).Add((reference with { ByteOffset = reference.ByteOffset + offset }, sectionIndex));
            }
            section.Data = bytes.ToArray();
        }
        return placed;
    }

    /// <summary>Creates .rodata/.data/.bss sections with their globals, in declaration order per section.</summary>
    private Dictionary<string, (int SectionIndex, List<BtfVariableInfo> Variables)> EmitData()
    {
        var result = new Dictionary<string, (int, List<BtfVariableInfo>)>(StringComparer.Ordinal);
        foreach (var group in _builder.Globals.GroupBy(global => global.SectionName))
        {
            string kind = GlobalDataSection.Kind(group.Key)!;
            bool noBits = kind == ".bss";
            var section = AddSection(new ElfSection(group.Key, noBits ? ElfSectionType.NoBits : ElfSectionType.ProgBits)
            {
                Flags = kind == ".rodata" ? ElfSectionFlags.Alloc : ElfSectionFlags.Alloc | ElfSectionFlags.Write,
                Alignment = 8,
            });
            int sectionIndex = _file.IndexOf(section);
            var variables = new List<BtfVariableInfo>();
            using var bytes = new MemoryStream();
            foreach (var global in group)
            {
                ulong alignment = (ulong)Math.Clamp(global.InitialValue.Length, 1, 8);
                alignment = alignment is 1 or 2 or 4 or 8 ? alignment : 8;
                while ((ulong)bytes.Length % alignment != 0)
                    bytes.WriteByte(0);
                int offset = (int)bytes.Length;
                if (noBits && global.InitialValue.Any(value => value != 0))
                    throw new InvalidOperationException($"Global '{global.Name}' is in .bss but has a non-zero initial value; put it in .data.");
                bytes.Write(global.InitialValue);
                AddSymbol(new ElfSymbol(global.Name, (ulong)offset, (ulong)global.InitialValue.Length, ElfSymbolType.Object,
                    ElfSymbolBinding.Global, ElfSymbolVisibility.Default, (ushort)sectionIndex));
                int variable = _builder.Btf.Add(new BtfVariable(global.TypeId, BtfVariableLinkage.Global) { Name = global.Name });
                variables.Add(new BtfVariableInfo(variable, (uint)offset, (uint)global.InitialValue.Length));
            }
            if (noBits)
                section.Size = (ulong)bytes.Length;
            else
                section.Data = bytes.ToArray();
            result.Add(group.Key, (sectionIndex, variables));
        }
        return result;
    }

    /// <summary>Creates the .maps section: zero bytes, one struct per map, described in BTF as libbpf expects.</summary>
    private void EmitMaps()
    {
        if (_builder.Maps.Count == 0)
            return;
        var section = AddSection(new ElfSection(".maps", ElfSectionType.ProgBits)
        {
            Flags = ElfSectionFlags.Alloc | ElfSectionFlags.Write,
            Alignment = 8,
        });
        int sectionIndex = _file.IndexOf(section);
        var variables = new List<BtfVariableInfo>();
        uint offset = 0;
        foreach (var map in _builder.Maps)
        {
            var members = MapMembers(map);
            uint size = (uint)(members.Count * MapSlotSize);
            int definition = _builder.Btf.Add(new BtfStruct(size, members.ToArray()));
            int variable = _builder.Btf.Add(new BtfVariable(definition, BtfVariableLinkage.Global) { Name = map.Name });
            variables.Add(new BtfVariableInfo(variable, offset, size));
            AddSymbol(new ElfSymbol(map.Name, offset, size, ElfSymbolType.Object, ElfSymbolBinding.Global, ElfSymbolVisibility.Default, (ushort)sectionIndex));
            offset += size;
        }
        section.Data = new byte[offset];
        _builder.Btf.Add(new BtfDataSection(offset, variables.ToArray()) { Name = ".maps" });
    }

    private List<BtfMember> MapMembers(MapDeclaration map)
    {
        var types = _builder.Types;
        var members = new List<BtfMember>();
        void Add(string name, int typeId) => members.Add(new BtfMember(name, typeId, (uint)(members.Count * MapSlotSize * 8)));

        Add("type", types.EncodedNumber((uint)map.Type));
        if (map.KeyTypeId != 0)
            Add("key", types.Pointer(map.KeyTypeId));
        else if (map.KeySize != 0)
            Add("key_size", types.EncodedNumber(map.KeySize));
        if (map.ValueTypeId != 0)
            Add("value", types.Pointer(map.ValueTypeId));
        else if (map.ValueSize != 0)
            Add("value_size", types.EncodedNumber(map.ValueSize));
        Add("max_entries", types.EncodedNumber(map.MaxEntries));
        if (map.Flags != BpfMapFlags.None)
            Add("map_flags", types.EncodedNumber((uint)map.Flags));
        if (map.Pinning != MapPinning.None)
            Add("pinning", types.EncodedNumber((uint)map.Pinning));
        // __uint(map_extra, N), which every libbpf reads; only values past 32 bits need the 64-bit enum form
        // (__ulong, libbpf 1.4+).
        if (map.MapExtra is > 0 and <= uint.MaxValue)
            Add("map_extra", types.EncodedNumber((uint)map.MapExtra));
        else if (map.MapExtra != 0)
            Add("map_extra", types.Add(new BtfEnum(8, new[] { new BtfEnumValue($"__{map.Name}_map_extra", (long)map.MapExtra) }, Is64: true)));
        return members;
    }

    /// <summary>FUNC_PROTO and FUNC per function; func_info for all, line_info when the functions carry lines.</summary>
    private void EmitFunctionTypes(List<PlacedFunction> placed)
    {
        var types = _builder.Types;
        bool anyLines = placed.Any(function => function.Function.Lines.Count > 0);
        foreach (var sectionGroup in placed.GroupBy(function => function.SectionIndex))
        {
            string sectionName = _file.Sections[sectionGroup.Key].Name;
            var functionInfos = new List<BtfFunctionInfo>();
            var lineInfos = new List<BtfLineInfo>();
            var coreRelocations = new List<BtfCoreRelocation>();
            foreach (var (function, _, byteOffset, _) in sectionGroup)
            {
                int returnType = function.ReturnTypeId != 0 ? function.ReturnTypeId : types.Int;
                var parameters = function.Parameters ?? (function.IsProgram ? [new BtfParameter("ctx", ContextPointer(function.SectionName!))] : []);
                int proto = types.Add(new BtfFunctionProto(returnType, parameters.ToArray()));
                int func = _builder.Btf.Add(new BtfFunction(proto, function.IsProgram ? BtfFunctionLinkage.Global : BtfFunctionLinkage.Static) { Name = function.Name });
                functionInfos.Add(new BtfFunctionInfo((uint)byteOffset, func));
                if (anyLines)
                    lineInfos.AddRange(LineInfos(function, byteOffset));
                coreRelocations.AddRange(CoreRelocations(function, byteOffset));
            }
            _ext.FunctionInfos.Add(new BtfExtSectionRecords<BtfFunctionInfo>(sectionName, functionInfos.ToArray()));
            if (lineInfos.Count > 0)
                _ext.LineInfos.Add(new BtfExtSectionRecords<BtfLineInfo>(sectionName, lineInfos.ToArray()));
            if (coreRelocations.Count > 0)
                _ext.CoreRelocations.Add(new BtfExtSectionRecords<BtfCoreRelocation>(sectionName, coreRelocations.ToArray()));
        }
    }

    private int ContextPointer(string sectionName) =>
        ProgramSection.Find(sectionName)?.ProgramType == BpfProgramType.Xdp
            ? _builder.Types.Pointer(_builder.Types.XdpContext())
            : _builder.Types.Pointer(0);

    private static IEnumerable<BtfLineInfo> LineInfos(FunctionCode function, int functionByteOffset)
    {
        // The kernel wants a line record on each function's first instruction, offsets strictly increasing
        // (kernel: kernel/bpf/verifier.c, check_btf_line).
        if (function.Lines.Count == 0 || function.Lines[0].InstructionIndex != 0)
            throw new InvalidOperationException($"Function '{function.Name}' needs a source line for its first instruction, because other functions have line information.");
        var slotOffsets = new int[function.Instructions.Count + 1];
        for (int i = 0; i < function.Instructions.Count; i++)
            slotOffsets[i + 1] = slotOffsets[i] + function.Instructions[i].Slots;
        int previous = -1;
        foreach (var line in function.Lines)
        {
            if (line.InstructionIndex <= previous || line.InstructionIndex >= function.Instructions.Count)
                throw new InvalidOperationException($"Function '{function.Name}' has a source line at instruction {line.InstructionIndex}, out of order or past its {function.Instructions.Count} instructions.");
            previous = line.InstructionIndex;
            yield return new BtfLineInfo((uint)(functionByteOffset + slotOffsets[line.InstructionIndex] * 8), line.FileName, line.LineText,
                (uint)line.Line, (uint)Math.Min(line.Column, 0x3ff));
        }
    }

    /// <summary>
    /// core_relo records with byte offsets within the section (libbpf: src/libbpf.c, bpf_object__relocate_core,
    /// divides insn_off by 8); the patched instruction must be one libbpf patches (libbpf: src/relo_core.c,
    /// bpf_core_patch_insn: ALU/ALU64 with an immediate, LDX/ST/STX, ld_imm64).
    /// </summary>
    private IEnumerable<BtfCoreRelocation> CoreRelocations(FunctionCode function, int functionByteOffset)
    {
        if (function.CoreRelocations.Count == 0)
            yield break;
        var slotOffsets = new int[function.Instructions.Count + 1];
        for (int i = 0; i < function.Instructions.Count; i++)
            slotOffsets[i + 1] = slotOffsets[i] + function.Instructions[i].Slots;
        foreach (var relocation in function.CoreRelocations)
        {
            if (relocation.InstructionIndex < 0 || relocation.InstructionIndex >= function.Instructions.Count)
                throw new InvalidOperationException($"Function '{function.Name}' has a CO-RE relocation at instruction {relocation.InstructionIndex}, past its {function.Instructions.Count} instructions.");
            if (relocation.TypeId <= 0 || relocation.TypeId >= _builder.Btf.NextId)
                throw new InvalidOperationException($"Function '{function.Name}' has a CO-RE relocation on BTF type {relocation.TypeId}, which the object's BTF does not hold.");
            var opCode = function.Instructions[relocation.InstructionIndex].OpCode;
            bool patchable = opCode.IsArithmetic && opCode.Source == OperandSource.Immediate
                || opCode.Class is InstructionClass.Ldx or InstructionClass.St or InstructionClass.Stx
                || opCode == OpCode.LoadImmediate64;
            if (!patchable)
                throw new InvalidOperationException($"Function '{function.Name}' has a CO-RE relocation on instruction {relocation.InstructionIndex} ({opCode}), which loaders cannot patch: it must be an ALU instruction with an immediate, a load or store, or an ld_imm64.");
            yield return new BtfCoreRelocation((uint)(functionByteOffset + slotOffsets[relocation.InstructionIndex] * 8), relocation.TypeId,
                relocation.AccessString, relocation.Kind);
        }
    }

    private void EmitDataSectionTypes(Dictionary<string, (int SectionIndex, List<BtfVariableInfo> Variables)> dataSections)
    {
        foreach (var (name, (sectionIndex, variables)) in dataSections)
            _builder.Btf.Add(new BtfDataSection((uint)_file.Sections[sectionIndex].Size, variables.ToArray()) { Name = name });
    }

    /// <summary>Writes .symtab (locals first, as ELF requires) and one .rel section per code section that needs one.</summary>
    private void EmitSymbolsAndRelocations(ElfSection stringSection)
    {
        var symbols = new List<ElfSymbol> { ElfSymbol.Null };
        symbols.AddRange(_localSymbols);
        symbols.AddRange(_globalSymbols);
        int firstGlobal = 1 + _localSymbols.Count;
        int SymbolIndex(string name) => _symbolSlots[name] is var (local, index) ? (local ? 1 + index : firstGlobal + index) : 0;

        var relocationSections = new List<ElfSection>();
        foreach (var (sectionIndex, references) in _pendingRelocations)
        {
            var relocations = new List<ElfRelocation>();
            foreach (var (reference, _) in references)
            {
                if (!_symbolSlots.ContainsKey(reference.Symbol))
                    throw new InvalidOperationException($"An instruction in section '{_file.Sections[sectionIndex].Name}' refers to '{reference.Symbol}', which is no function, map or global of this object.");
                uint type = reference.Kind == SymbolReferenceKind.Call ? BpfRelocationType.Call32 : BpfRelocationType.Load64;
                relocations.Add(new ElfRelocation((ulong)reference.ByteOffset, (uint)SymbolIndex(reference.Symbol), type));
            }
            relocationSections.Add(new ElfSection(".rel" + _file.Sections[sectionIndex].Name, ElfSectionType.Relocations)
            {
                Flags = ElfSectionFlags.InfoLink,
                Info = (uint)sectionIndex,
                Alignment = 8,
                EntrySize = ElfRelocationTable.RelEntrySize,
                Data = ElfRelocationTable.Encode(relocations, withAddends: false),
            });
        }
        var symbolTable = new ElfSection(".symtab", ElfSectionType.SymbolTable)
        {
            Alignment = 8,
            EntrySize = ElfSymbolTable.EntrySize,
            Info = (uint)firstGlobal,
            Link = (uint)_file.SectionNameTableIndex,
            Data = ElfSymbolTable.Encode(symbols, _strings),
        };
        foreach (var relocationSection in relocationSections)
            AddSection(relocationSection);
        AddSection(symbolTable);
        foreach (var relocationSection in relocationSections)
            relocationSection.Link = (uint)_file.IndexOf(symbolTable);
        foreach (var section in _file.Sections)
            _strings.Add(section.Name);
        stringSection.Data = _strings.ToArray();
    }

    private List<(SymbolReference Reference, int SectionIndex)> Pending(int sectionIndex)
    {
        if (!_pendingRelocations.TryGetValue(sectionIndex, out var list))
            _pendingRelocations.Add(sectionIndex, list = []);
        return list;
    }

    private void AddSymbol(ElfSymbol symbol)
    {
        var list = symbol.Binding == ElfSymbolBinding.Local ? _localSymbols : _globalSymbols;
        _symbolSlots.Add(symbol.Name, (symbol.Binding == ElfSymbolBinding.Local, list.Count));
        list.Add(symbol);
    }

    private ElfSection AddSection(ElfSection section)
    {
        _file.Sections.Add(section);
        return section;
    }
}
