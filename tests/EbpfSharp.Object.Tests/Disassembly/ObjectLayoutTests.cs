using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>How llvm-objdump lays out objects: symbols, blocks, labels, zero runs, sections and relocations.</summary>
public sealed class ObjectLayoutTests
{
    private static readonly Instruction[] SixSlots =
    [
        Alu64.Mov.Imm(R1, 1), Jmp.Ja((short)1), Alu64.Mov.Imm(R1, 2), Jmp.Eq.Imm(R1, 0, (short)-3), Alu64.Mov.Imm(R1, 3), Jmp.Exit(),
    ];

    [ToolFact(LlvmObjdump.Tool)]
    public void Of_several_symbols_at_one_address_only_the_last_by_name_heads_the_block_and_labels_jumps()
    {
        var builder = new TestObject();
        int xdp = builder.AddSection("xdp", Encode(SixSlots));
        builder.AddSymbol("zeta", xdp, 16, ElfSymbolType.NoType, ElfSymbolBinding.Local);
        builder.AddSymbol("alpha", xdp, 16);
        builder.AddSymbol("Mid", xdp, 16, ElfSymbolType.Object);
        var ours = AssertMatches(builder.Build());
        Assert.Contains("0000000000000010 <zeta>:", ours);
        Assert.DoesNotContain("<alpha>", ours);
        Assert.Contains("goto +0x1 <zeta+0x8>", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Code_before_the_first_symbol_is_headed_by_the_section_name()
    {
        var builder = new TestObject();
        int xdp = builder.AddSection("xdp", Encode(SixSlots));
        builder.AddSymbol("later", xdp, 16);
        builder.AddSymbol("", xdp, 8, ElfSymbolType.NoType, ElfSymbolBinding.Local);
        builder.AddSymbol("xdp", xdp, 0, ElfSymbolType.Section, ElfSymbolBinding.Local);
        builder.AddSymbol("file.c", ElfSectionIndex.Absolute, 0, ElfSymbolType.File, ElfSymbolBinding.Local);
        builder.AddSymbol("undefined_map", ElfSectionIndex.Undefined, 0, ElfSymbolType.NoType);
        var ours = AssertMatches(builder.Build());
        Assert.Contains("0000000000000000 <xdp>:", ours);
        Assert.Contains("goto -0x3 <xdp+0x8>", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Symbols_at_or_past_the_section_end_head_nothing()
    {
        var builder = new TestObject();
        int xdp = builder.AddSection("xdp", Encode([Alu64.Mov.Imm(R1, 1), Jmp.Ja((short)5), Jmp.Exit()]));
        builder.AddSymbol("prog", xdp, 0);
        builder.AddSymbol("at_end", xdp, 24);
        builder.AddSymbol("beyond", xdp, 40);
        var ours = AssertMatches(builder.Build());
        Assert.Contains("goto +0x5 <beyond+0x10>", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Jumps_before_the_section_start_wrap_around_and_label_from_the_last_symbol()
    {
        var builder = new TestObject();
        int xdp = builder.AddSection("xdp", Encode([Jmp.Ja((short)-5), Jmp.LongJump(int.MinValue), Jmp.MayGoto(short.MaxValue), Jmp.Exit()]));
        builder.AddSymbol("prog", xdp, 0);
        builder.AddSymbol("tail", xdp, 24, ElfSymbolType.NoType, ElfSymbolBinding.Local);
        var ours = AssertMatches(builder.Build());
        Assert.Contains("goto -0x5 <tail+0xffffffffffffffc8>", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void An_ld_imm64_reaching_into_the_next_symbol_is_decoded_whole_and_the_next_block_restarts_at_its_symbol()
    {
        var builder = new TestObject();
        int xdp = builder.AddSection("xdp", Encode([Ld.Imm64(R1, 0x500000005), Jmp.Exit()]));
        builder.AddSymbol("prog", xdp, 0);
        builder.AddSymbol("inside", xdp, 8);
        AssertMatches(builder.Build());
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Runs_of_eight_or_more_zero_bytes_are_skipped_in_multiples_of_four()
    {
        byte[] code =
        [
            .. Encode([Alu64.Mov.Imm(R1, 1)]), .. new byte[8], .. Encode([Alu64.Mov.Imm(R1, 2)]),
            .. new byte[12], 0x95, 0, 0, 0, 0, 0, 0, 0, .. new byte[16],
            .. Encode([Alu64.Mov.Imm(R1, 3)]), .. new byte[7], 1, .. new byte[20],
        ];
        var ours = AssertMatches(TestObject.WithCode(code));
        Assert.Contains("\t\t...\n       4:\t95 00 00 00 00 00 00 00\texit\n", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Trailing_bytes_and_a_cut_short_ld_imm64_are_shown_one_byte_at_a_time()
    {
        AssertMatches(TestObject.WithCode([.. Encode([Jmp.Exit()]), 0x95, 0, 0]));
        AssertMatches(TestObject.WithCode([.. Encode([Jmp.Exit()]), 0x18, 1, 0, 0, 1, 0, 0, 0]));
        // An undecodable first slot fails as a whole 8-byte instruction instead.
        AssertMatches(TestObject.WithCode([.. Encode([Jmp.Exit()]), 0x18, 1, 1, 0, 1, 0, 0, 0]));
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Every_executable_section_with_bytes_is_disassembled_in_section_order()
    {
        var builder = new TestObject();
        int text = builder.AddSection(".text", Encode([Alu64.Mov.Imm(R1, 7), Jmp.Exit()]));
        int data = builder.AddSection(".data", Encode([Alu64.Mov.Imm(R1, 1)]), ElfSectionFlags.Alloc | ElfSectionFlags.Write);
        builder.AddSection("empty", []);
        builder.AddSection("bss_code", new byte[16], type: ElfSectionType.NoBits);
        int xdp = builder.AddSection("xdp", Encode([Alu64.Mov.Imm(R1, 1), Jmp.Exit()]));
        builder.AddSection("not_alloc", Encode([Alu64.Mov.Imm(R1, 2)]), ElfSectionFlags.ExecInstr);
        builder.AddSymbol("subprogram", text, 8, binding: ElfSymbolBinding.Local);
        builder.AddSymbol("variable", data, 0, ElfSymbolType.Object);
        builder.AddSymbol("prog", xdp, 0);
        var ours = AssertMatches(builder.Build());
        Assert.Contains("Disassembly of section not_alloc:", ours);
        Assert.DoesNotContain("Disassembly of section .data:", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void An_object_without_code_prints_only_the_file_header()
    {
        var builder = new TestObject();
        builder.AddSection(".data", new byte[8], ElfSectionFlags.Alloc | ElfSectionFlags.Write);
        var ours = AssertMatches(builder.Build());
        Assert.DoesNotContain("Disassembly", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Relocations_print_after_the_instruction_they_patch_and_stop_zero_runs()
    {
        var builder = new TestObject();
        byte[] code =
        [
            .. Encode([Ld.Imm64(R1, 0), Jmp.CallRelative(-1)]), .. new byte[24],
            .. Encode([Alu64.Mov.Imm(R1, 1), Ld.Imm64(R2, 0), Jmp.Exit()]), .. new byte[16],
        ];
        int xdp = builder.AddSection("xdp", code);
        int data = builder.AddSection(".data", new byte[8], ElfSectionFlags.Alloc | ElfSectionFlags.Write);
        int sectionSymbol = builder.AddSymbol("", data, 0, ElfSymbolType.Section, ElfSymbolBinding.Local);
        int prog = builder.AddSymbol("prog", xdp, 0);
        int map = builder.AddSymbol("map", ElfSectionIndex.Undefined, 0, ElfSymbolType.NoType);
        builder.AddRelocations(xdp,
        [
            new(0, (uint)map, BpfRelocationType.Load64),
            new(16, (uint)prog, BpfRelocationType.Call32),
            new(20, (uint)sectionSymbol, BpfRelocationType.NoDynamicLoad32),
            new(32, (uint)map, BpfRelocationType.Absolute64),
            new(64, 0, BpfRelocationType.Load64),
            new(88, (uint)map, BpfRelocationType.None),
            new(72, (uint)map, 99),
            new(80, (uint)map, BpfRelocationType.Absolute32),
            new(200, (uint)map, BpfRelocationType.Load64),
        ]);
        var ours = AssertMatches(builder.Build(), "-r");
        Assert.Contains("\t\t0000000000000000:  R_BPF_64_64\tmap\n", ours);
        Assert.Contains("R_BPF_64_NODYLD32\t.data\n", ours);
        Assert.Contains("R_BPF_64_64\t*ABS*\n", ours);
        Assert.Contains("Unknown\tmap\n", ours);
    }

    [ToolFact(LlvmObjdump.Tool)]
    public void Rela_addends_print_as_signed_hex_after_the_symbol()
    {
        var builder = new TestObject();
        int xdp = builder.AddSection("xdp", Encode([Ld.Imm64(R1, 0), Ld.Imm64(R2, 0), Ld.Imm64(R3, 0), Jmp.Exit()]));
        int prog = builder.AddSymbol("prog", xdp, 0);
        builder.AddRelocations(xdp, [new(0, (uint)prog, BpfRelocationType.Load64, 16), new(16, (uint)prog, BpfRelocationType.Load64, -8)], withAddends: true);
        builder.AddRelocations(xdp, [new(32, (uint)prog, BpfRelocationType.Load64)]);
        var ours = AssertMatches(builder.Build(), "-r");
        Assert.Contains("R_BPF_64_64\tprog+0x10\n", ours);
        Assert.Contains("R_BPF_64_64\tprog-0x8\n", ours);
    }

    private static byte[] Encode(Instruction[] instructions) => InstructionEncoder.Encode(instructions).Bytes;

    private static string AssertMatches(ElfFile file, params string[] options)
    {
        var (path, llvm) = LlvmObjdump.Disassemble(file, options);
        var ours = LlvmObjdump.Ours(file, path, new ObjectDisassemblyOptions { ShowRelocations = options.Contains("-r") });
        LlvmObjdump.AssertSameText(llvm, ours);
        return ours;
    }
}
