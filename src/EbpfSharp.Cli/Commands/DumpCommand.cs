using System.CommandLine;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;

namespace EbpfSharp.Cli.Commands;

/// <summary><c>ebpfsharp dump &lt;object.o&gt; [--program &lt;name&gt;]</c>: disassembly as llvm-objdump prints it, with source lines.</summary>
internal static class DumpCommand
{
    public static Command Create(TextWriter output)
    {
        var file = CommonOptions.ObjectFile();
        var program = new Option<string?>("--program") { Description = "Only this program (or subprogram)." };
        var relocations = new Option<bool>("--relocations", "-r") { Description = "Show relocations, as llvm-objdump -r does." };
        var noSource = new Option<bool>("--no-source") { Description = "Leave out the source lines from .BTF.ext line info." };
        var command = new Command("dump", "Disassemble an object, with its source lines (C# or C) when the object has line info.")
        {
            file, program, relocations, noSource,
        };
        command.SetAction(result =>
        {
            string path = CommonOptions.Existing(result.GetRequiredValue(file));
            var elf = ElfFile.Read(File.ReadAllBytes(path));
            string? symbol = result.GetValue(program);
            if (symbol is not null && elf.ReadSymbols().All(s => s.Name != symbol || s.Type != ElfSymbolType.Function))
            {
                var functions = elf.ReadSymbols().Where(s => s.Type == ElfSymbolType.Function).Select(s => s.Name);
                throw new KeyNotFoundException($"'{Path.GetFileName(path)}' has no program or subprogram '{symbol}'. It has: {string.Join(", ", functions)}.");
            }
            // The header names the file as it was given, as llvm-objdump does.
            output.Write(ObjectDisassembler.Disassemble(elf, result.GetRequiredValue(file).ToString(), new ObjectDisassemblyOptions
            {
                ShowSourceLines = !result.GetValue(noSource),
                ShowRelocations = result.GetValue(relocations),
                Symbol = symbol,
            }));
            return 0;
        });
        return command;
    }
}
