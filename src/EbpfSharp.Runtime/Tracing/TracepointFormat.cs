using System.Globalization;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// The layout of a tracepoint's record, as the kernel describes it in
/// <c>&lt;tracefs&gt;/events/&lt;category&gt;/&lt;name&gt;/format</c>: what a tracepoint program's context points at.
/// </summary>
/// <param name="Category">The tracepoint's category, such as <c>syscalls</c>.</param>
/// <param name="Name">The tracepoint's name, such as <c>sys_enter_openat</c>.</param>
/// <param name="Id">The event id (what perf_event_open takes).</param>
/// <param name="Fields">The fields in offset order, the common ones (<c>common_type</c> …) first.</param>
public sealed record TracepointFormat(string Category, string Name, int Id, IReadOnlyList<TracepointField> Fields)
{
    /// <summary>The record's size in bytes: the end of its last field.</summary>
    public int Size => Fields.Count == 0 ? 0 : Fields.Max(entry => entry.Offset + entry.Size);

    /// <summary>Reads the format of tracepoint <paramref name="category"/>/<paramref name="name"/> from tracefs (mounting it if needed).</summary>
    /// <exception cref="BpfNotFoundException">There is no such tracepoint.</exception>
    public static TracepointFormat Read(string category, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        ArgumentException.ThrowIfNullOrEmpty(name);
        string path = Path.Combine(Tracefs.Root, "events", category, name, "format");
        if (!File.Exists(path))
            throw new BpfNotFoundException(
                $"There is no tracepoint {category}/{name}: {path} does not exist. The tracepoints are the directories under {Path.Combine(Tracefs.Root, "events")}.", Errno.ENOENT);
        return Parse(category, File.ReadAllText(path));
    }

    /// <summary>Parses the text of a tracepoint's format file.</summary>
    /// <exception cref="FormatException">The text is not a format file.</exception>
    public static TracepointFormat Parse(string category, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? name = null;
        int? id = null;
        var fields = new List<TracepointField>();
        foreach (var rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.StartsWith("name:", StringComparison.Ordinal))
                name = line["name:".Length..].Trim();
            else if (line.StartsWith("ID:", StringComparison.Ordinal) && int.TryParse(line["ID:".Length..].Trim(), CultureInfo.InvariantCulture, out int value))
                id = value;
            else if (line.StartsWith("field:", StringComparison.Ordinal))
                fields.Add(ParseField(line));
        }
        if (name is null || fields.Count == 0)
            throw new FormatException("This is not a tracepoint format file: it has no 'name:' line or no 'field:' lines.");
        return new TracepointFormat(category, name, id ?? 0, [.. fields.OrderBy(field => field.Offset)]);
    }

    // "field:const char * filename;	offset:24;	size:8;	signed:0;"
    private static TracepointField ParseField(string line)
    {
        string declaration = "";
        int offset = -1, size = -1;
        bool signed = false;
        foreach (var part in line.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = part.IndexOf(':');
            if (colon < 0)
                continue;
            string key = part[..colon], value = part[(colon + 1)..].Trim();
            switch (key)
            {
                case "field": declaration = value; break;
                case "offset": offset = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "size": size = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "signed": signed = value == "1"; break;
            }
        }
        if (declaration.Length == 0 || offset < 0 || size < 0)
            throw new FormatException($"Cannot read the field line '{line}' (expected field:<declaration>; offset:<n>; size:<n>; signed:<0|1>;).");
        return TracepointField.FromDeclaration(declaration, offset, size, signed);
    }
}

/// <summary>One field of a tracepoint record.</summary>
/// <param name="Name">The C name (<c>filename</c>, <c>common_pid</c>).</param>
/// <param name="CType">The C type without the name and array bounds (<c>const char *</c>, <c>char</c>).</param>
/// <param name="Offset">Byte offset in the record.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="IsSigned">Whether the kernel marks it signed.</param>
/// <param name="ArrayLength">Elements, for a fixed array (<c>char comm[16]</c>); 0 otherwise.</param>
/// <param name="IsDynamic">A <c>__data_loc</c> field: a u32 whose low 16 bits are the data's offset from the record's start and high 16 bits its length.</param>
public sealed record TracepointField(string Name, string CType, int Offset, int Size, bool IsSigned, int ArrayLength = 0, bool IsDynamic = false)
{
    /// <summary>Whether the field is a pointer.</summary>
    public bool IsPointer => !IsDynamic && CType.Contains('*', StringComparison.Ordinal);

    /// <summary>Whether the field is one of the 8 common bytes every record starts with.</summary>
    public bool IsCommon => Name.StartsWith("common_", StringComparison.Ordinal);

    internal static TracepointField FromDeclaration(string declaration, int offset, int size, bool signed)
    {
        bool dynamic = declaration.StartsWith("__data_loc ", StringComparison.Ordinal);
        if (dynamic)
            declaration = declaration["__data_loc ".Length..];
        if (dynamic)
            declaration = declaration.Replace("[]", "", StringComparison.Ordinal).Trim();   // "__data_loc char[] filename"
        int arrayLength = 0;
        bool array = false;
        if (declaration.EndsWith(']'))
        {
            int bracket = declaration.LastIndexOf('[');
            array = true;
            if (bracket > 0 && int.TryParse(declaration[(bracket + 1)..^1], CultureInfo.InvariantCulture, out int length))
                arrayLength = length;
            declaration = declaration[..Math.Max(bracket, 0)].TrimEnd();
        }
        int split = declaration.LastIndexOfAny([' ', '*']);
        string name = declaration[(split + 1)..];
        string type = declaration[..(split + 1)].Trim();
        if (dynamic || array && arrayLength == 0)
            type += "[]";
        return new TracepointField(name, type, offset, size, signed, arrayLength, dynamic);
    }
}
