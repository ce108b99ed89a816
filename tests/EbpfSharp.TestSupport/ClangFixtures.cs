using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace EbpfSharp.TestSupport;

/// <summary>
/// The project's C fixtures (tests/fixtures/c), compiled with clang-19 at test time into a cache keyed by
/// the source's hash, so each fixture is compiled once per machine and run.
/// </summary>
public static class ClangFixtures
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Compiled = new();

    /// <summary>The folder holding the C fixtures next to the test assembly.</summary>
    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "c");

    /// <summary>
    /// The names (without .c) of the C fixtures in fixtures/c itself, which every loader test loads.
    /// Fixtures in subfolders (<c>btf/core_read</c>) are compiled by name only where a test asks for them.
    /// </summary>
    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(SourceDirectory, "*.c").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order();

    /// <summary>Compiles <c>fixtures/c/&lt;name&gt;.c</c> (name may include a subfolder) with <c>clang-19 -O2 -g -target bpf</c> and returns the object's path.</summary>
    public static string Compile(string name, string cpu = "v3") =>
        Compiled.GetOrAdd($"{name}|{cpu}", _ => new Lazy<string>(() => CompileNow(name, cpu))).Value;

    /// <summary>The bytes of the compiled fixture.</summary>
    public static byte[] Bytes(string name, string cpu = "v3") => File.ReadAllBytes(Compile(name, cpu));

    private static readonly Lazy<string> ClangVersion = new(() => Tools.RunChecked("clang-19", "--version"));

    private static string CompileNow(string name, string cpu)
    {
        string source = Path.Combine(SourceDirectory, name + ".c");
        if (!File.Exists(source))
            throw new FileNotFoundException($"There is no C fixture named '{name}'.", source);
        string output = Path.GetFileName(name) + ".o";
        string[] arguments = ["-O2", "-g", "-target", "bpf", $"-mcpu={cpu}", "-I", $"/usr/include/{Multiarch}", "-c", source];
        // The key covers everything that shapes the object: the source, every argument, and clang itself.
        string key = File.ReadAllText(source) + "\n" + string.Join(' ', arguments) + "\n" + ClangVersion.Value;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        string directory = Path.Combine(Path.GetTempPath(), "ebpfsharp-fixtures", hash);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, output);
        if (File.Exists(path))
            return path;
        string partial = path + "." + Environment.ProcessId + ".tmp";
        Tools.Run("clang-19", [.. arguments, "-o", partial]).EnsureSuccess($"clang-19 compiling fixture {name}.c");
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static string Multiarch => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "aarch64-linux-gnu",
        _ => "x86_64-linux-gnu",
    };
}
