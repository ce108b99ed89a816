using System.Text;

namespace EbpfSharp;

/// <summary>
/// bpf_trace_printk's format checks (kernel: kernel/bpf/helpers.c, bpf_bprintf_prepare) and formatting
/// (lib/vsprintf.c, bstr_printf with the kernel's number() rules) for the integer and character conversions.
/// </summary>
internal static class TracePrintkFormat
{
    private const int EINVAL = 22;

    // kernel: kernel/trace/bpf_trace.c, MAX_TRACE_PRINTK_VARARGS; include/linux/bpf.h, MAX_BPRINTF_BUF.
    private const int MaxArguments = 3;
    private const int BufferSize = 1024;

    /// <summary>The text as the trace records it (cut at the buffer and at a NUL), its full length, or an errno.</summary>
    public readonly record struct Result(string Line, long Length, int Error);

    [Flags]
    private enum Flags
    {
        None = 0,
        ZeroPad = 1,
        Left = 2,
        Plus = 4,
        Space = 8,
    }

    private readonly record struct Conversion(int Start, int End, Flags Flags, int Width, int Size, char Type);

    public static Result Format(string format, ReadOnlySpan<ulong> arguments)
    {
        // The string literal reaches the kernel NUL-terminated: the format ends at the first NUL.
        int nul = format.IndexOf('\0');
        if (nul >= 0)
            format = format[..nul];

        var conversions = new List<Conversion>();
        int error = Parse(format, conversions);
        if (error != 0)
            return new Result("", 0, error);

        var text = new StringBuilder();
        int position = 0;
        for (int n = 0; n < conversions.Count; n++)
        {
            var conversion = conversions[n];
            AppendLiteral(text, format, position, conversion.Start);
            Append(text, conversion, arguments[n]);
            position = conversion.End;
        }
        AppendLiteral(text, format, position, format.Length);

        string full = text.ToString();
        string line = full.Length >= BufferSize ? full[..(BufferSize - 1)] : full;
        int end = line.IndexOf('\0');
        if (end >= 0)
            line = line[..end];
        return new Result(line, full.Length, 0);
    }

    private static int Parse(string format, List<Conversion> conversions)
    {
        for (int i = 0; i < format.Length; i++)
        {
            char ch = format[i];
            if (ch > 0x7f || (!IsPrint(ch) && !IsSpace(ch)))
                return EINVAL;
            if (ch != '%')
                continue;
            if (At(format, i + 1) == '%')
            {
                i++;
                continue;
            }
            if (conversions.Count >= MaxArguments)
                return EINVAL;

            int start = i++;
            var flags = Flags.None;
            while (true)
            {
                char flag = At(format, i);
                if (flag == '0') flags |= Flags.ZeroPad;
                else if (flag == '-') flags |= Flags.Left;
                else if (flag == '+') flags |= Flags.Plus;
                else if (flag == ' ') flags |= Flags.Space;
                else break;
                i++;
            }
            int width = 0;
            if (At(format, i) is >= '1' and <= '9')
            {
                while (At(format, i) is >= '0' and <= '9')
                    width = Math.Min(width * 10 + (At(format, i++) - '0'), BufferSize * 1024);
            }

            char type = At(format, i);
            if (type is 'p' or 's')
                throw new NotSupportedException(
                    $"bpf_trace_printk's %{type} reads kernel memory and has no CLR implementation; print the value with %d, %u or %x instead (format \"{format}\").");
            int size = sizeof(int);
            if (type == 'c')
            {
                size = sizeof(byte);
            }
            else
            {
                if (type == 'l')
                {
                    size = sizeof(long);
                    type = At(format, ++i);
                }
                if (type == 'l')
                    type = At(format, ++i);
                if (type is not ('i' or 'd' or 'u' or 'x' or 'X'))
                    return EINVAL;
            }
            conversions.Add(new Conversion(start, i + 1, flags, width, size, type));
        }
        return 0;
    }

    private static void Append(StringBuilder text, Conversion conversion, ulong argument)
    {
        if (conversion.Type == 'c')
        {
            // %c pads with spaces only, whatever the flags (lib/vsprintf.c, FORMAT_TYPE_CHAR).
            int charPadding = Math.Max(0, conversion.Width - 1);
            if ((conversion.Flags & Flags.Left) == 0)
                text.Append(' ', charPadding);
            text.Append((char)(byte)argument);
            if ((conversion.Flags & Flags.Left) != 0)
                text.Append(' ', charPadding);
            return;
        }

        bool signed = conversion.Type is 'd' or 'i';
        ulong value = conversion.Size == sizeof(long) ? argument : signed ? (ulong)(long)(int)argument : (uint)argument;
        string sign = "";
        if (signed)
        {
            if ((long)value < 0)
            {
                sign = "-";
                value = (ulong)-(long)value;
            }
            else if ((conversion.Flags & Flags.Plus) != 0)
                sign = "+";
            else if ((conversion.Flags & Flags.Space) != 0)
                sign = " ";
        }
        string digits = conversion.Type switch
        {
            'x' => value.ToString("x"),
            'X' => value.ToString("X"),
            _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        int numberPadding = Math.Max(0, conversion.Width - sign.Length - digits.Length);
        if ((conversion.Flags & Flags.Left) != 0)
            text.Append(sign).Append(digits).Append(' ', numberPadding);
        else if ((conversion.Flags & Flags.ZeroPad) != 0)
            text.Append(sign).Append('0', numberPadding).Append(digits);
        else
            text.Append(' ', numberPadding).Append(sign).Append(digits);
    }

    private static void AppendLiteral(StringBuilder text, string format, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            text.Append(format[i]);
            if (format[i] == '%')
                i++; // "%%"
        }
    }

    // The format is NUL-terminated in the kernel: reading past its end sees 0.
    private static char At(string format, int index) => index < format.Length ? format[index] : '\0';

    // kernel: include/linux/ctype.h for ASCII.
    private static bool IsPrint(char ch) => ch is >= ' ' and <= '~';

    private static bool IsSpace(char ch) => ch is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
