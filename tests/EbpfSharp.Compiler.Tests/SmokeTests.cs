using EbpfSharp.Compiler;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.Runtime;
using Xunit.Abstractions;

namespace EbpfSharp.Compiler.Tests;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Smoke()
    {
        string assembly = typeof(EbpfSharp.Corpus.Basics.Smoke).Assembly.Location;
        var result = EbpfCompiler.Compile(assembly);
        foreach (var diagnostic in result.Diagnostics)
            output.WriteLine(diagnostic.ToString());
        foreach (var compiled in result.Objects)
        {
            output.WriteLine(ObjectDisassembler.Disassemble(ElfFile.Read(compiled.Bytes), compiled.FileName, new ObjectDisassemblyOptions { ShowSourceLines = true }));
            using var loaded = ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load();
            foreach (var program in compiled.Programs)
            {
                var run = loaded.Program(program.SymbolName).TestRun(new TestRunOptions { Data = new byte[64] });
                output.WriteLine($"{program.SymbolName}: {run.ReturnValue}");
            }
        }
        Assert.True(result.Success);
    }
}
