using System.Runtime.InteropServices;
using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>
/// Resolves a uprobe target given without a '/' the way libbpf does (libbpf: src/libbpf.c, resolve_full_path): a
/// shared library name (<c>libc.so.6</c>) is looked up in LD_LIBRARY_PATH, then /lib64, /usr/lib64, the multiarch
/// directories and /lib, /usr/lib; any other name (<c>bash</c>) in PATH, then /usr/bin and /usr/sbin.
/// </summary>
internal static class BinaryPaths
{
    /// <summary>The full path of <paramref name="binary"/>; names with a '/' are only made absolute.</summary>
    /// <exception cref="BpfNotFoundException">No directory searched has the file; the message lists them.</exception>
    public static string Resolve(string binary)
    {
        if (binary.Contains('/'))
            return Path.GetFullPath(binary);
        bool library = binary.EndsWith(".so", StringComparison.Ordinal) || binary.Contains(".so.", StringComparison.Ordinal);
        var directories = library ? LibraryDirectories() : ExecutableDirectories();
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, binary);
            if (File.Exists(candidate))
                return candidate;
        }
        string what = library ? "shared library" : "executable";
        string variable = library ? "LD_LIBRARY_PATH" : "PATH";
        throw new BpfNotFoundException(
            $"The {what} '{binary}' was not found in {variable} or the standard directories. Looked in: {string.Join(", ", directories)}. " +
            "Give the full path instead (a running process's libraries are listed in /proc/<pid>/maps).", Errno.ENOENT);
    }

    private static List<string> LibraryDirectories()
    {
        string multiarch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "aarch64-linux-gnu",
            Architecture.Arm => "arm-linux-gnueabihf",
            _ => "x86_64-linux-gnu",
        };
        return Distinct([
            .. Split(Environment.GetEnvironmentVariable("LD_LIBRARY_PATH")),
            "/lib64", "/usr/lib64", $"/lib/{multiarch}", $"/usr/lib/{multiarch}", "/lib", "/usr/lib",
        ]);
    }

    private static List<string> ExecutableDirectories() =>
        Distinct([.. Split(Environment.GetEnvironmentVariable("PATH")), "/usr/bin", "/usr/sbin"]);

    private static IEnumerable<string> Split(string? value) =>
        (value ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> Distinct(IEnumerable<string> directories) => directories.Distinct(StringComparer.Ordinal).ToList();
}
