using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>Source lines from .BTF.ext line_info, printed as the kernel verifier log prints them.</summary>
public sealed class SourceLineTests
{
    [Fact]
    public void Each_new_source_line_is_printed_once_before_its_first_instruction()
    {
        var code = InstructionEncoder.Encode(
        [
            Alu64.Mov.Imm(R0, 0), Alu64.Add.Imm(R0, 1), Alu64.Mov.Imm(R1, 2), Alu64.Add.Reg(R0, R1), Alu64.Mov.Imm(R2, 3), Jmp.Exit(),
        ]).Bytes;
        var file = WithLineInfo(code,
        [
            new(0, "/src/bpf/prog.c", "\t  int total = 0;", 10, 3),
            new(8, "/src/bpf/prog.c", "\t  int total = 0;", 10, 9),   // same line, other column: not repeated
            new(16, "/src/bpf/prog.c", "total += 2;", 11, 1),
            new(32, "/src/bpf/prog.c", "int total = 0;", 10, 3),       // back to line 10: printed again
            new(40, "/src/bpf/other.h", "return total;", 10, 1),       // same number, other file: printed
        ]);

        string listing = ObjectDisassembler.Disassemble(file, "prog.o", new() { ShowSourceLines = true });

        // The raw literal holds real tab characters, as llvm-objdump separates its columns.
        Assert.Equal(
            """

            prog.o:	file format elf64-bpf

            Disassembly of section xdp:

            0000000000000000 <prog>:
            ; int total = 0; @ prog.c:10
                   0:	b7 00 00 00 00 00 00 00	r0 = 0x0
                   1:	07 00 00 00 01 00 00 00	r0 += 0x1
            ; total += 2; @ prog.c:11
                   2:	b7 01 00 00 02 00 00 00	r1 = 0x2
                   3:	0f 10 00 00 00 00 00 00	r0 += r1
            ; int total = 0; @ prog.c:10
                   4:	b7 02 00 00 03 00 00 00	r2 = 0x3
            ; return total; @ other.h:10
                   5:	95 00 00 00 00 00 00 00	exit

            """.Replace("\r\n", "\n"), listing);
    }

    [Fact]
    public void Source_lines_are_off_by_default_and_absent_without_btf_ext()
    {
        var code = InstructionEncoder.Encode([Jmp.Exit()]).Bytes;
        var withLines = WithLineInfo(code, [new(0, "prog.c", "return 0;", 3, 5)]);
        Assert.DoesNotContain("; ", ObjectDisassembler.Disassemble(withLines, "prog.o"));
        Assert.DoesNotContain("; ", ObjectDisassembler.Disassemble(TestObject.WithCode(code), "prog.o", new() { ShowSourceLines = true }));
    }

    [ToolFact("clang-19")]
    public void Clang_line_info_annotates_the_fixture_with_its_own_source_lines()
    {
        string path = ClangFixtures.Compile("xdp_maps");
        var file = ElfFile.Read(File.ReadAllBytes(path));
        string annotated = ObjectDisassembler.Disassemble(file, path, new() { ShowSourceLines = true });

        // Without the comments the listing is the plain one.
        string stripped = string.Join('\n', annotated.Split('\n').Where(line => !line.StartsWith("; ", StringComparison.Ordinal)));
        Assert.Equal(ObjectDisassembler.Disassemble(file, path), stripped);

        var source = File.ReadAllLines(Path.Combine(ClangFixtures.SourceDirectory, "xdp_maps.c"));
        int returnLine = Array.FindIndex(source, line => line.Contains("return protocol == IPPROTO_UDP")) + 1;
        Assert.Contains($"; return protocol == IPPROTO_UDP ? XDP_DROP : XDP_PASS; @ xdp_maps.c:{returnLine}\n", annotated);
        // Every comment names a line of the fixture whose text it carries, and precedes an instruction.
        var lines = annotated.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("; ", StringComparison.Ordinal))
                continue;
            int at = lines[i].LastIndexOf(" @ xdp_maps.c:", StringComparison.Ordinal);
            Assert.True(at > 0, lines[i]);
            int number = int.Parse(lines[i][(at + " @ xdp_maps.c:".Length)..]);
            Assert.Equal(source[number - 1].TrimStart(), lines[i][2..at]);
            Assert.Matches(@"^ *\d+:\t", lines[i + 1]);
        }
    }

    private static ElfFile WithLineInfo(byte[] code, BtfLineInfo[] lines)
    {
        var ext = new BtfExtSection();
        ext.LineInfos.Add(new BtfExtSectionRecords<BtfLineInfo>("xdp", new EquatableArray<BtfLineInfo>(lines)));
        var blobs = BtfWriter.Write(new BtfSection(), ext);
        var builder = new TestObject();
        int xdp = builder.AddSection("xdp", code);
        builder.AddSection(".BTF", blobs.Btf, ElfSectionFlags.None);
        builder.AddSection(".BTF.ext", blobs.Ext!, ElfSectionFlags.None);
        builder.AddSymbol("prog", xdp, 0);
        return builder.Build();
    }
}
