using System.Text;

namespace EbpfSharp.Generators;

/// <summary>
/// The names the compiler gives programs, maps and globals in the object: the C# identifier with every character
/// other than an ASCII letter, digit or '_' replaced by '_' (src/EbpfSharp.Compiler/ProgramModule.cs, Symbol).
/// </summary>
internal static class ObjectNames
{
    public static string Of(string identifier)
    {
        var legal = new StringBuilder(identifier.Length + 1);
        foreach (char c in identifier)
            legal.Append(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' ? c : '_');
        if (legal.Length == 0 || legal[0] is >= '0' and <= '9')
            legal.Insert(0, '_');
        return legal.ToString();
    }
}
