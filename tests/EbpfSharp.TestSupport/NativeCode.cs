using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace EbpfSharp.TestSupport;

/// <summary>
/// Native functions for uprobes to hit: C source compiled with gcc (once per source per test run) into a shared
/// library, loaded into this process. Tests that use it need gcc: mark them [KernelFact("gcc")].
/// </summary>
public static class NativeCode
{
    private static readonly ConcurrentDictionary<string, Lazy<(string Path, nint Handle)>> Libraries = new();
    private static readonly Lazy<DirectoryInfo> Directory = new(() => System.IO.Directory.CreateTempSubdirectory("ebpfsharp-native-"));

    /// <summary>The path of the shared library built from <paramref name="source"/>, loaded into this process.</summary>
    public static string Library(string source) => Load(source).Path;

    /// <summary>The address of exported function <paramref name="symbol"/> of the library built from <paramref name="source"/>.</summary>
    public static nint Function(string source, string symbol) => NativeLibrary.GetExport(Load(source).Handle, symbol);

    private static (string Path, nint Handle) Load(string source) =>
        Libraries.GetOrAdd(source, key => new Lazy<(string, nint)>(() =>
        {
            string name = "lib" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12].ToLowerInvariant();
            string path = Path.Combine(Directory.Value.FullName, name + ".so");
            File.WriteAllText(path + ".c", key);
            Tools.RunChecked("gcc", ["-O1", "-shared", "-fPIC", "-o", path, path + ".c"]);
            return (path, NativeLibrary.Load(path));
        })).Value;
}
