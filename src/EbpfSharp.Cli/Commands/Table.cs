namespace EbpfSharp.Cli.Commands;

/// <summary>Left-aligned text columns for people.</summary>
internal static class Table
{
    public static void Write(TextWriter output, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        if (all.Count == 0)
        {
            output.WriteLine("  (none)");
            return;
        }
        var widths = headers.Select((header, column) => Math.Max(header.Length, all.Max(row => row[column].Length))).ToArray();
        output.WriteLine("  " + string.Join("  ", headers.Select((header, column) => header.PadRight(widths[column]))).TrimEnd());
        foreach (var row in all)
            output.WriteLine("  " + string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
    }
}
