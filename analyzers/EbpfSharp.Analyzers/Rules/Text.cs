namespace EbpfSharp.Analyzers.Rules;

/// <summary>Source text as messages quote it.</summary>
internal static class Text
{
    /// <summary>The text on one line, cut at 60 characters.</summary>
    public static string Shorten(string text)
    {
        string line = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return line.Length <= 60 ? line : line.Substring(0, 57) + "...";
    }
}
