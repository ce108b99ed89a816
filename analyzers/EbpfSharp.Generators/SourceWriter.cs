using System.Text;

namespace EbpfSharp.Generators;

/// <summary>Writes C# source line by line with four-space indentation and braced blocks.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indentation;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indentation * 4).Append(line);
        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents until <see cref="CloseBlock"/>.</summary>
    public void OpenBlock(string? header = null)
    {
        if (header is not null)
            WriteLine(header);
        WriteLine("{");
        _indentation++;
    }

    public void CloseBlock()
    {
        _indentation--;
        WriteLine("}");
    }

    public override string ToString() => _text.ToString();
}
