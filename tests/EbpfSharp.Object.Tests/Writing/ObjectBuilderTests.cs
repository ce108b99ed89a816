using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Object.Tests.Writing;

public class ObjectBuilderTests
{
    [Fact]
    public void A_written_object_reads_back_equal()
    {
        var bytes = SampleObjects.CounterWithEverything().Write();

        var file = ElfFile.Read(bytes);

        Assert.Equal(file, ElfFile.Read(file.Write()));
        Assert.Equal(bytes, file.Write());
    }

    [Fact]
    public void Sections_follow_clangs_layout()
    {
        var file = SampleObjects.CounterWithEverything().Build();

        var names = file.Sections.Select(section => section.Name).ToList();
        Assert.Equal(["", ".strtab", ".text", "xdp", ".rodata", ".bss", ".maps", "license", ".BTF", ".BTF.ext", ".relxdp", ".symtab"], names);
        Assert.Equal(ElfMachine.Bpf, file.Machine);
        Assert.Equal(ElfFileType.Relocatable, file.Type);
        Assert.True(file.FindSection("xdp")!.IsCode);
        Assert.Equal(ElfSectionType.NoBits, file.FindSection(".bss")!.Type);
        Assert.Equal("GPL\0"u8.ToArray(), file.FindSection("license")!.Data);
    }

    [Fact]
    public void Symbols_put_locals_first_and_programs_maps_globals_as_libbpf_needs()
    {
        var file = SampleObjects.CounterWithEverything().Build();

        var symbols = file.ReadSymbols();
        Assert.Equal(ElfSymbol.Null, symbols[0]);
        var addOne = symbols.Single(symbol => symbol.Name == "add_one");
        var program = symbols.Single(symbol => symbol.Name == "count_packets");
        var counts = symbols.Single(symbol => symbol.Name == "counts");
        Assert.Equal((ElfSymbolBinding.Local, ElfSymbolType.Function, 24ul), (addOne.Binding, addOne.Type, addOne.Size));
        Assert.Equal((ElfSymbolBinding.Global, ElfSymbolType.Function), (program.Binding, program.Type));
        Assert.Equal((ElfSymbolBinding.Global, ElfSymbolType.Object, 32ul), (counts.Binding, counts.Type, counts.Size));
        Assert.Equal((uint)symbols.ToList().FindIndex(symbol => symbol.Binding != ElfSymbolBinding.Local), file.SymbolTable!.Info);
    }

    [Fact]
    public void References_become_relocations_of_the_right_type()
    {
        var file = SampleObjects.CounterWithEverything().Build();

        var symbols = file.ReadSymbols();
        var relocations = file.ReadRelocations(file.FindSection(".relxdp")!)
            .Select(relocation => (relocation.Offset / 8, symbols[(int)relocation.SymbolIndex].Name, relocation.Type))
            .ToList();

        Assert.Equal(
        [
            (7ul, "counts", BpfRelocationType.Load64),
            (15ul, "bonus", BpfRelocationType.Load64),
            (18ul, "add_one", BpfRelocationType.Call32),
            (19ul, "total", BpfRelocationType.Load64),
        ], relocations);
    }

    [Fact]
    public void Btf_describes_the_map_the_globals_and_every_function()
    {
        var file = SampleObjects.CounterWithEverything().Build();
        var btf = BtfSection.Read(file.FindSection(".BTF")!.Data);

        var maps = btf.Get<BtfDataSection>(btf.FindId(".maps", BtfKind.DataSection), ".maps");
        var counts = btf.Get<BtfVariable>(maps.Variables[0].TypeId, "counts");
        var definition = btf.Get<BtfStruct>(counts.TypeId, "counts definition");
        Assert.Equal(["type", "key", "value", "max_entries"], definition.Members.Select(member => member.Name));
        Assert.Equal(BtfVariableLinkage.Global, counts.Linkage);
        Assert.NotEqual(0, btf.FindId(".rodata", BtfKind.DataSection));
        Assert.NotEqual(0, btf.FindId(".bss", BtfKind.DataSection));
        Assert.Equal(BtfFunctionLinkage.Global, btf.Get<BtfFunction>(btf.FindId("count_packets", BtfKind.Function), "program").Linkage);
        Assert.Equal(BtfFunctionLinkage.Static, btf.Get<BtfFunction>(btf.FindId("add_one", BtfKind.Function), "subprogram").Linkage);
    }

    [Fact]
    public void Btf_ext_has_func_and_line_info_at_byte_offsets()
    {
        var file = SampleObjects.CounterWithEverything().Build();
        var btf = BtfSection.Read(file.FindSection(".BTF")!.Data);
        var ext = BtfExtSection.Read(file.FindSection(".BTF.ext")!.Data, btf);

        Assert.Equal([0u], ext.FunctionInfosOf(".text").Select(info => info.InstructionOffset));
        Assert.Equal([0u], ext.FunctionInfosOf("xdp").Select(info => info.InstructionOffset));
        // Instruction 14 of the program is at slot 15 because ld_imm64 at 7 takes two slots.
        Assert.Equal([0u, 40u, 104u, 120u, 176u], ext.LineInfosOf("xdp").Select(info => info.InstructionOffset));
        Assert.Equal("Total += AddOne(Bonus);", ext.LineInfosOf("xdp")[3].LineText);
        Assert.Equal(15u, ext.LineInfosOf("xdp")[3].LineNumber);
    }

    [Fact]
    public void A_reference_to_an_unknown_symbol_is_reported_with_its_section()
    {
        var builder = new ObjectBuilder();
        builder.AddFunction(new FunctionCode("prog", [Ld.Symbol(R1, "nowhere"), Alu64.Mov.Imm(R0, 2), Jmp.Exit()]) { SectionName = "xdp" });

        var exception = Assert.Throws<InvalidOperationException>(() => builder.Write());

        Assert.Contains("'nowhere'", exception.Message);
        Assert.Contains("'xdp'", exception.Message);
    }

    [Fact]
    public void Partial_line_information_is_refused()
    {
        var builder = SampleObjects.CounterWithEverything();
        builder.AddFunction(new FunctionCode("no_lines", [Alu64.Mov.Imm(R0, 0), Jmp.Exit()]));

        var exception = Assert.Throws<InvalidOperationException>(() => builder.Write());

        Assert.Contains("no_lines", exception.Message);
    }
}
