using System.CommandLine;
using System.Text.Json;

namespace EbpfSharp.Cli.Commands;

/// <summary>Arguments and options several commands share, and JSON output.</summary>
internal static class CommonOptions
{
    public static Argument<FileInfo> ObjectFile() => new("object.o") { Description = "An eBPF object file (ELF), from EbpfSharp or clang." };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document instead of text." };

    public static Option<bool> VerifierLog() => new("--verifier-log") { Description = "On a verifier rejection, print the whole verifier log." };

    /// <summary>Writes one indented JSON document to <paramref name="output"/>.</summary>
    public static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(writer);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The file's full path, or a FileNotFoundException that names it.</summary>
    public static string Existing(FileInfo file) =>
        file.Exists ? file.FullName : throw new FileNotFoundException($"The file '{file.FullName}' does not exist.", file.FullName);
}
