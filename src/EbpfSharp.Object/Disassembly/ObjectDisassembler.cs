using System.Text;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// Disassembles every code section of an object into the text <c>llvm-objdump-19 -d</c> prints, byte for
/// byte: the file header, <c>Disassembly of section xdp:</c>, a <c>0000000000000000 &lt;name&gt;:</c> header per
/// symbol, one line per instruction (<c>       3:\tbf 16 00 00 00 00 00 00\tr6 = r1</c>) with jump targets
/// labelled, and <c>\t\t...</c> for skipped runs of zero bytes. Options add relocations (<c>-r</c>) and
/// source lines from <c>.BTF.ext</c>.
/// </summary>
public static class ObjectDisassembler
{
    /// <summary>The disassembly of <paramref name="file"/>, named <paramref name="fileName"/> in the header as llvm-objdump names its argument.</summary>
    /// <exception cref="ObjectFormatException">A symbol, relocation or BTF table the output needs is malformed.</exception>
    public static string Disassemble(ElfFile file, string fileName, ObjectDisassemblyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= ObjectDisassemblyOptions.Default;

        var output = new StringBuilder();
        output.Append('\n').Append(fileName).Append(":\tfile format elf64-bpf\n");
        var symbols = file.ReadSymbols();
        var lineInfo = options.ShowSourceLines ? ReadLineInfo(file) : null;
        for (int index = 1; index < file.Sections.Count; index++)
        {
            var section = file.Sections[index];
            if (!IsDisassembled(section))
                continue;
            var listing = new SectionListing(section, SectionSymbols.Collect(file, index, symbols), options.Dialect)
            {
                Relocations = options.ShowRelocations ? RelocationText.Of(file, index) : [],
                SourceLines = lineInfo is null ? null : new SourceLineAnnotator(lineInfo.LineInfosOf(section.Name)),
                OnlySymbol = options.Symbol,
            };
            listing.WriteTo(output);
        }
        return output.ToString();
    }

    /// <summary>
    /// llvm-objdump disassembles every section with SHF_EXECINSTR that has bytes in the file, whether or not
    /// it is SHF_ALLOC (its SectionRef::isText and isVirtual).
    /// </summary>
    private static bool IsDisassembled(ElfSection section) =>
        section.Flags.HasFlag(ElfSectionFlags.ExecInstr) && section.Type != ElfSectionType.NoBits && section.Data.Length > 0;

    private static BtfExtSection? ReadLineInfo(ElfFile file)
    {
        if (file.FindSection(".BTF") is not { } btf || file.FindSection(".BTF.ext") is not { } ext)
            return null;
        return BtfExtSection.Read(ext.Data, BtfSection.Read(btf.Data));
    }
}
