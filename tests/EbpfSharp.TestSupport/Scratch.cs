namespace EbpfSharp.TestSupport;

/// <summary>
/// One temporary directory per test process for files tests write (objects, packet files), removed when
/// the process exits so runs leave nothing behind in /tmp.
/// </summary>
public static class Scratch
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        string root = Directory.CreateTempSubdirectory("ebpfsharp-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A file still in use at exit; the directory is in /tmp and holds only test output.
            }
        };
        return root;
    });

    /// <summary>A new, empty directory inside the process's scratch directory.</summary>
    public static string NewDirectory(string prefix) =>
        Directory.CreateDirectory(Path.Combine(RootDirectory.Value, $"{prefix}-{Guid.NewGuid():N}")).FullName;

    /// <summary>Writes <paramref name="bytes"/> to a new file named <paramref name="name"/> in its own directory.</summary>
    public static string WriteFile(string name, byte[] bytes)
    {
        string path = Path.Combine(NewDirectory("file"), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
