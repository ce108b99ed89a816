namespace EbpfSharp.Cli.Commands;

/// <summary>Packets given on the command line as hex: one with --data, or one per line of --data-file.</summary>
internal static class PacketInput
{
    /// <summary>Parses hex, ignoring spaces, colons, dashes and a 0x prefix.</summary>
    public static byte[] Parse(string text, string where)
    {
        var digits = new string(text.Trim().Where(c => !char.IsWhiteSpace(c) && c is not ':' and not '-').ToArray());
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            digits = digits[2..];
        if (digits.Length % 2 != 0)
            throw new FormatException($"{where}: the hex packet has an odd number of digits ({digits.Length}).");
        try
        {
            return Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            throw new FormatException($"{where}: '{Shorten(digits)}' is not hex.");
        }
    }

    /// <summary>One packet per non-empty line; lines starting with '#' are comments.</summary>
    public static List<byte[]> ReadFile(string path)
    {
        var packets = new List<byte[]>();
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            packets.Add(Parse(line, $"{Path.GetFileName(path)}:{number}"));
        }
        if (packets.Count == 0)
            throw new FormatException($"{path} holds no packets (one hex packet per line).");
        return packets;
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
