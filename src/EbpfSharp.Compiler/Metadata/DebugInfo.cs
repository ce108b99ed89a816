using EbpfSharp.Compiler.Diagnostics;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>C# locations and line text from the portable PDB's sequence points.</summary>
internal sealed class DebugInfo
{
    private readonly Dictionary<MethodDefinition, SequencePoint[]> _points = [];
    private readonly Dictionary<string, string[]?> _files = [];
    private readonly Dictionary<string, Document> _documents = [];

    public SourceLocation? Locate(MethodDefinition method, int ilOffset)
    {
        if (!_points.TryGetValue(method, out var points))
        {
            points = method.DebugInformation is { HasSequencePoints: true } information
                ? [.. information.SequencePoints.Where(point => !point.IsHidden).OrderBy(point => point.Offset)]
                : [];
            _points[method] = points;
        }
        SequencePoint? found = null;
        foreach (var point in points)
        {
            if (point.Offset > ilOffset)
                break;
            found = point;
        }
        found ??= points.FirstOrDefault();
        if (found is null)
            return null;
        _documents.TryAdd(found.Document.Url, found.Document);
        return new SourceLocation(found.Document.Url, found.StartLine, found.StartColumn);
    }

    /// <summary>The text of a source line (trimmed), or empty when the file is not on this machine.</summary>
    public string LineText(SourceLocation location)
    {
        if (!_files.TryGetValue(location.FilePath, out var lines))
        {
            try
            {
                lines = File.Exists(location.FilePath) ? File.ReadAllLines(location.FilePath) : EmbeddedLines(location.FilePath);
            }
            catch (IOException)
            {
                lines = null;
            }
            _files[location.FilePath] = lines;
        }
        return lines is not null && location.Line >= 1 && location.Line <= lines.Length ? lines[location.Line - 1].Trim() : "";
    }

    /// <summary>The file's text from the PDB, when it was built with embedded sources (deterministic CI paths such as /_/ do not exist on disk).</summary>
    private string[]? EmbeddedLines(string path)
    {
        if (!_documents.TryGetValue(path, out var document) || document.EmbeddedSource is not { Length: > 0 } bytes)
            return null;
        return System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
    }
}
