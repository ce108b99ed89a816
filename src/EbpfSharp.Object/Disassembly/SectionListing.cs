using System.Globalization;
using System.Text;
using EbpfSharp.Object.Elf;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Object.Disassembly;

/// <summary>
/// Writes one code section the way llvm-objdump's disassembly loop does (llvm-objdump.cpp, disassembleObject):
/// block by block, decoding from each offset with the rest of the section in view, skipping zero runs and
/// printing relocations as their offsets are passed.
/// </summary>
internal sealed class SectionListing(ElfSection section, SectionSymbols symbols, DisassemblyDialect dialect)
{
    private int _nextRelocation;

    /// <summary>Relocations to print, sorted by offset; empty unless -r.</summary>
    public IReadOnlyList<RelocationText> Relocations { get; init; } = [];

    /// <summary>Source-line comments to print, or null.</summary>
    public SourceLineAnnotator? SourceLines { get; init; }

    /// <summary>Only the block of this symbol, or null for every block.</summary>
    public string? OnlySymbol { get; init; }

    public void WriteTo(StringBuilder output)
    {
        var blocks = symbols.Blocks(section).Where(block => OnlySymbol is null || block.Name == OnlySymbol).ToList();
        if (blocks.Count == 0)
            return;
        output.Append("\nDisassembly of section ").Append(section.Name).Append(":\n");
        foreach (var (name, start, end) in blocks)
        {
            SkipRelocationsBefore((int)start);
            output.Append('\n').Append((section.Address + start).ToString("x16", CultureInfo.InvariantCulture))
                .Append(" <").Append(name).Append(">:\n");
            WriteBlock(output, (int)start, (int)end);
        }
    }

    private void WriteBlock(StringBuilder output, int start, int end)
    {
        var bytes = section.Data;
        int index = start;
        while (index < end)
        {
            int zeros = SkippableZeros(bytes.AsSpan(index, ZeroSearchLength(index, end)));
            if (zeros > 0)
            {
                output.Append("\t\t...\n");
                index += zeros;
                continue;
            }

            var (size, text, distance) = Decode(bytes.AsSpan(index));
            ulong address = section.Address + (ulong)index;
            if (SourceLines?.Before((ulong)index) is { } line)
                output.Append(line).Append('\n');
            output.Append((address / 8).ToString(CultureInfo.InvariantCulture).PadLeft(8)).Append(":\t");
            AppendHex(output, bytes.AsSpan(index, size));
            output.Append('\t').Append(text);
            if (distance is { } slots && symbols.Label(unchecked(address + 8 + (ulong)(slots * 8))) is { } label)
                output.Append(' ').Append(label);
            output.Append('\n');
            index += size;
            WriteRelocationsBefore(output, index);
        }
    }

    /// <summary>
    /// How far a zero run may be skipped: to the block's end, and with -r only up to the next relocation,
    /// so that the relocated bytes are printed.
    /// </summary>
    private int ZeroSearchLength(int index, int end)
    {
        long limit = end - index;
        if (_nextRelocation < Relocations.Count && Relocations[_nextRelocation].Offset >= (ulong)index)
        {
            // Unsigned: a corrupt offset near 2^64 must not turn into a negative length.
            ulong distance = Relocations[_nextRelocation].Offset - (ulong)index;
            if (distance < (ulong)limit)
                limit = (long)distance;
        }
        return (int)limit;
    }

    /// <summary>
    /// llvm-objdump skips a run of at least 8 zero bytes, rounded down to a multiple of 4 "because we do not
    /// want to truncate an instruction if it starts with a zero byte" (countSkippableZeroBytes).
    /// </summary>
    private static int SkippableZeros(ReadOnlySpan<byte> bytes)
    {
        int run = bytes.IndexOfAnyExcept((byte)0);
        if (run < 0)
            run = bytes.Length;
        return run < 8 ? 0 : run & ~3;
    }

    /// <summary>
    /// Decodes at the start of <paramref name="rest"/> as LLVM's BPF disassembler does: fewer than 8 bytes, or
    /// an ld_imm64 whose first slot decodes but has no second slot, fail with size 0 and llvm-objdump steps
    /// one byte; any other failure consumes 8 bytes.
    /// </summary>
    private (int Size, string Text, long? Distance) Decode(ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 8)
            return (1, InstructionFormatter.Unknown, null);
        if (rest[0] == OpCode.LoadImmediate64.Value && rest.Length < 16)
        {
            Span<byte> padded = stackalloc byte[16];
            rest[..8].CopyTo(padded);
            bool firstSlotDecodes = InstructionFormatter.TryFormat(Instruction.Decode(padded), dialect, out _);
            return (firstSlotDecodes ? 1 : 8, InstructionFormatter.Unknown, null);
        }
        var instruction = Instruction.Decode(rest);
        if (!InstructionFormatter.TryFormat(instruction, dialect, out var text))
            return (8, InstructionFormatter.Unknown, null);
        return (instruction.Slots * 8, text, InstructionFormatter.BranchDistance(instruction));
    }

    /// <summary>Relocations of blocks left out are not printed.</summary>
    private void SkipRelocationsBefore(int index)
    {
        while (_nextRelocation < Relocations.Count && Relocations[_nextRelocation].Offset < (ulong)index)
            _nextRelocation++;
    }

    private void WriteRelocationsBefore(StringBuilder output, int index)
    {
        for (; _nextRelocation < Relocations.Count && Relocations[_nextRelocation].Offset < (ulong)index; _nextRelocation++)
        {
            var relocation = Relocations[_nextRelocation];
            output.Append("\t\t").Append((section.Address + relocation.Offset).ToString("x16", CultureInfo.InvariantCulture))
                .Append(":  ").Append(relocation.TypeName).Append('\t').Append(relocation.Target).Append('\n');
        }
    }

    private static void AppendHex(StringBuilder output, ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
                output.Append(' ');
            output.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }
    }
}
