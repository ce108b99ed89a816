using System.Text;

namespace EbpfSharp.Runtime.Interop;

/// <summary>Names of maps and programs as the kernel accepts them: at most 15 bytes of [A-Za-z0-9_.] plus NUL.</summary>
internal static class KernelName
{
    /// <summary>The longest name the kernel keeps (BPF_OBJ_NAME_LEN - 1).</summary>
    public const int MaxLength = 15;

    /// <summary>Replaces characters the kernel refuses with '_' and truncates to 15 (kernel: kernel/bpf/syscall.c, bpf_obj_name_cpy).</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (char c in name)
        {
            if (builder.Length == MaxLength)
                break;
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }
        return builder.ToString();
    }

    /// <summary>Writes the sanitized, NUL-terminated name into a 16-byte kernel field.</summary>
    public static unsafe void Write(string name, byte* destination)
    {
        var sanitized = Sanitize(name);
        for (int i = 0; i < 16; i++)
            destination[i] = i < sanitized.Length ? (byte)sanitized[i] : (byte)0;
    }

    /// <summary>Reads a NUL-terminated name from a 16-byte kernel field.</summary>
    public static unsafe string Read(byte* source)
    {
        int length = 0;
        while (length < 16 && source[length] != 0)
            length++;
        return Encoding.ASCII.GetString(source, length);
    }
}
