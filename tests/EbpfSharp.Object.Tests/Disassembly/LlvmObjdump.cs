using System.Text;
using EbpfSharp.Object.Disassembly;
using EbpfSharp.Object.Elf;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Object.Tests.Disassembly;

/// <summary>Runs llvm-objdump-19 on objects and compares its text with ours, line by line.</summary>
internal static class LlvmObjdump
{
    public const string Tool = "llvm-objdump-19";

    /// <summary>
    /// Writes <paramref name="file"/> to a temporary path and returns (path, llvm-objdump -d output). The path
    /// comes from the bytes, so runs with different options print the same header.
    /// </summary>
    public static (string Path, string Output) Disassemble(ElfFile file, params string[] options)
    {
        var bytes = file.Write();
        string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16].ToLowerInvariant();
        string path = Path.Combine(Path.GetTempPath(), $"ebpfsharp-disasm-{hash}.o");
        File.WriteAllBytes(path, bytes);
        try
        {
            return (path, Run(path, options));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>llvm-objdump-19 -d [options] path.</summary>
    public static string Run(string path, params string[] options) =>
        Tools.RunChecked(Tool, ["-d", .. options, path]);

    /// <summary>
    /// What plain <c>llvm-objdump -d</c> would print if it decoded 32-bit atomics correctly: its own lines,
    /// except that every line of opcode 0xc3 is taken from the <c>--mattr=+alu32</c> output, which has
    /// the same layout (0xc3 is 8 bytes either way).
    /// </summary>
    public static string WithAlu32Atomics(string plain, string alu32)
    {
        var plainLines = plain.Split('\n');
        var alu32Lines = alu32.Split('\n');
        Assert.Equal(plainLines.Length, alu32Lines.Length);
        for (int i = 0; i < plainLines.Length; i++)
            if (plainLines[i].Split('\t') is [_, var hex, ..] && hex.StartsWith("c3 ", StringComparison.Ordinal))
                plainLines[i] = alu32Lines[i];
        return string.Join('\n', plainLines);
    }

    /// <summary>Asserts equal text, reporting the first differing line with its neighbours.</summary>
    public static void AssertSameText(string expected, string actual)
    {
        if (expected == actual)
            return;
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        int line = 0;
        while (line < want.Length && line < got.Length && want[line] == got[line])
            line++;
        var message = new StringBuilder($"The disassembly differs from llvm-objdump at line {line + 1}:\n");
        for (int i = Math.Max(0, line - 3); i <= line + 1; i++)
        {
            message.Append("  llvm: ").Append(i < want.Length ? Visible(want[i]) : "<end>").Append('\n');
            message.Append("  ours: ").Append(i < got.Length ? Visible(got[i]) : "<end>").Append('\n');
        }
        Assert.Fail(message.ToString());
    }

    private static string Visible(string line) => line.Replace("\t", "\\t");

    /// <summary>Our output for <paramref name="file"/> under the name llvm-objdump printed.</summary>
    public static string Ours(ElfFile file, string path, ObjectDisassemblyOptions? options = null) =>
        ObjectDisassembler.Disassemble(file, path, options);
}
