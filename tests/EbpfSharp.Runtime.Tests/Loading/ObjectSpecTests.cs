using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Tests.Writing;
using EbpfSharp.Object.Writing;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>Reading objects into specs: pure, no kernel.</summary>
public class ObjectSpecTests
{
    private static ObjectSpec Counter() => ObjectSpec.Read(SampleObjects.CounterWithEverything().Write(), "counter");

    [Fact]
    public void Programs_maps_and_globals_are_found_as_libbpf_finds_them()
    {
        var spec = Counter();

        var program = Assert.Single(spec.Programs);
        Assert.Equal(("count_packets", "xdp", BpfProgramType.Xdp, BpfAttachType.Xdp), (program.Name, program.SectionName, program.Type, program.ExpectedAttachType));
        Assert.Equal("GPL", spec.License);
        Assert.Equal(["counts", "counter.rodata", "counter.bss"], spec.Maps.Select(map => map.Name));
        var counts = spec.Map("counts").Definition;
        Assert.Equal((BpfMapType.Array, 4, 8, 256), (counts.Type, counts.KeySize, counts.ValueSize, counts.MaxEntries));
        Assert.NotEqual(0, counts.BtfKeyTypeId);
        var rodata = spec.Map("counter.rodata");
        Assert.True(rodata.IsReadOnly);
        Assert.Equal(BpfMapFlags.ReadOnlyProgram | BpfMapFlags.Mmapable, rodata.Definition.Flags);
        Assert.Equal(new GlobalVariableSpec("bonus", "counter.rodata", 0, 4, rodata.Variables[0].TypeId), rodata.Variables[0]);
        Assert.Equal(BpfMapFlags.Mmapable, spec.Map("counter.bss").Definition.Flags);
    }

    [Fact]
    public void Setting_a_variable_before_load_changes_the_data_maps_initial_value()
    {
        var spec = Counter();

        spec.SetVariable("bonus", 1000u);

        Assert.Equal(BitConverter.GetBytes(1000u), spec.Map("counter.rodata").InitialValue);
        Assert.Throws<ArgumentException>(() => spec.SetVariable("bonus", 5L));
        var missing = Assert.Throws<KeyNotFoundException>(() => spec.SetVariable("nope", 1));
        Assert.Contains("bonus", missing.Message);
    }

    [Fact]
    public void Linking_appends_called_subprograms_and_patches_every_reference()
    {
        var spec = Counter();
        var fds = new Dictionary<string, int> { ["counts"] = 11, ["counter.rodata"] = 12, ["counter.bss"] = 13 };

        var linked = EbpfSharp.Runtime.Loading.ProgramLinker.Link(spec.Program("count_packets").Function, name => fds[name], _ => 0);
        var code = InstructionEncoder.Decode(linked.Code);

        Assert.Equal(["count_packets", "add_one"], linked.Functions.Select(f => f.Name));
        Assert.Equal(24 + 3, linked.Code.Length / 8);
        var call = code.Single(i => i.IsSubprogramCall);
        Assert.Equal(24 - 18 - 1, call.Immediate);                        // call at slot 18 lands on slot 24
        var loads = code.Where(i => i.IsWide).ToList();
        Assert.Equal((PseudoSource.MapFd, 11L), (loads[0].Source, loads[0].Constant));
        Assert.Equal((PseudoSource.MapValue, 12L), (loads[1].Source, loads[1].Constant));
        Assert.Equal((PseudoSource.MapValue, 13L), (loads[2].Source, loads[2].Constant));
        Assert.Equal([0u, 24u], linked.FunctionInfos.Select(info => info.InstructionIndex));
        Assert.Equal([0u, 5u, 13u, 15u, 22u, 24u], linked.LineInfos.Select(info => info.InstructionIndex));
    }

    [Fact]
    public void A_legacy_maps_section_is_refused_with_the_fix()
    {
        var file = SampleObjects.CounterWithEverything().Build();
        file.Sections.Add(new ElfSection("maps", ElfSectionType.ProgBits) { Data = new byte[20] });

        var exception = Assert.Throws<ObjectFormatException>(() => ObjectSpec.Read(file.Write()));

        Assert.Contains("'.maps' with BTF", exception.Message);
    }

    [Fact]
    public void A_static_entry_program_is_refused()
    {
        var file = SampleObjects.CounterWithEverything().Build();
        var symtab = file.SymbolTable!;
        var symbols = file.ReadSymbols().Select(s => s.Name == "count_packets" ? s with { Binding = ElfSymbolBinding.Local } : s).ToList();
        var strings = new StringTable();
        symtab.Data = ElfSymbolTable.Encode(symbols, strings);
        foreach (var section in file.Sections)
            strings.Add(section.Name);
        file.Sections[(int)symtab.Link].Data = strings.ToArray();

        var exception = Assert.Throws<ObjectFormatException>(() => ObjectSpec.Read(file.Write()));

        Assert.Contains("'count_packets'", exception.Message);
        Assert.Contains("static", exception.Message);
    }

    [Fact]
    public void Maps_without_btf_are_refused()
    {
        var file = SampleObjects.CounterWithEverything().Build();
        file.FindSection(".BTF")!.Name = ".BTX";

        var exception = Assert.Throws<ObjectFormatException>(() => ObjectSpec.Read(file.Write()));

        Assert.Contains("no .BTF", exception.Message);
    }

    [Fact]
    public void An_unknown_map_field_is_refused_like_libbpf()
    {
        var file = SampleObjects.CounterWithEverything().Build();
        RewriteBtf(file, btf =>
        {
            int index = btf.Types.FindIndex(type => type is BtfStruct s && s.Members.Any(m => m.Name == "max_entries"));
            var definition = (BtfStruct)btf.Types[index];
            btf.Types[index] = definition with
            {
                Members = definition.Members.Select(m => m.Name == "max_entries" ? m with { Name = "colour" } : m).ToArray(),
            };
        });

        var exception = Assert.Throws<ObjectFormatException>(() => ObjectSpec.Read(file.Write()));

        Assert.Contains("'colour'", exception.Message);
        Assert.Contains("counts", exception.Message);
    }

    [Fact]
    public void An_unknown_section_name_loads_as_an_unspecified_program_and_says_so_at_load()
    {
        var builder = new ObjectBuilder();
        builder.AddFunction(new FunctionCode("prog", [Alu64.Mov.Imm(R0, 2), Jmp.Exit()]) { SectionName = "myprog" });

        var spec = ObjectSpec.Read(builder.Write());

        Assert.Equal(BpfProgramType.Unspecified, spec.Program("prog").Type);
    }

    [ToolFact("clang-19")]
    public void Clang_objects_read_with_their_programs_maps_and_line_info()
    {
        foreach (var fixture in ClangFixtures.Names)
        {
            var spec = ObjectSpec.ReadFile(ClangFixtures.Compile(fixture));

            Assert.NotEmpty(spec.Programs);
            Assert.Equal("GPL", spec.License);
            Assert.NotNull(spec.Btf);
            Assert.NotNull(spec.BtfExt);
            Assert.All(spec.Functions, function => Assert.NotEqual(0, function.FunctionTypeId));
            Assert.All(spec.Functions, function => Assert.NotEmpty(function.Lines));
        }
    }

    /// <summary>Edits an object's BTF and re-encodes .BTF and .BTF.ext together (they share strings).</summary>
    private static void RewriteBtf(ElfFile file, Action<BtfSection> edit)
    {
        var btfSection = file.FindSection(".BTF")!;
        var extSection = file.FindSection(".BTF.ext")!;
        var btf = BtfSection.Read(btfSection.Data);
        var ext = BtfExtSection.Read(extSection.Data, btf);
        edit(btf);
        var blobs = BtfWriter.Write(btf, ext);
        btfSection.Data = blobs.Btf;
        extSection.Data = blobs.Ext!;
    }
}
