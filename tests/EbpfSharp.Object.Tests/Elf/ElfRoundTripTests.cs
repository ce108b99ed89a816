using EbpfSharp.Object.Elf;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Object.Tests.Elf;

public class ElfRoundTripTests
{
    [ToolFact("clang-19")]
    public void Clang_objects_read_back_equal_after_writing()
    {
        foreach (var fixture in ClangFixtures.Names.Append("btf/core_read"))
        {
            var file = ElfFile.Read(ClangFixtures.Bytes(fixture));

            var again = ElfFile.Read(file.Write());

            Assert.Equal(file, again);
            Assert.Equal(file.ReadSymbols(), again.ReadSymbols());
        }
    }

    [Fact]
    public void A_shared_library_reads_with_its_dynamic_symbols()
    {
        string libc = new[] { "/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6" }.First(File.Exists);

        var file = ElfFile.Read(File.ReadAllBytes(libc));

        Assert.Equal(ElfFileType.SharedObject, file.Type);
        var dynamicSymbols = file.ReadSymbols(file.Sections.Single(s => s.Type == ElfSectionType.DynamicSymbolTable));
        Assert.Contains(dynamicSymbols, symbol => symbol.Name == "malloc" && symbol.Type == ElfSymbolType.Function);
    }

    [Fact]
    public void Truncated_or_foreign_files_are_refused_with_the_reason()
    {
        Assert.Contains("shorter than the 64-byte", Assert.Throws<ObjectFormatException>(() => ElfFile.Read(new byte[10])).Message);
        Assert.Contains("magic", Assert.Throws<ObjectFormatException>(() => ElfFile.Read(new byte[64])).Message);
        var bigEndian = new byte[64];
        new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }.CopyTo(bigEndian, 0);
        bigEndian[4] = 2;
        bigEndian[5] = 2;
        Assert.Contains("big-endian", Assert.Throws<ObjectFormatException>(() => ElfFile.Read(bigEndian)).Message);
    }
}
