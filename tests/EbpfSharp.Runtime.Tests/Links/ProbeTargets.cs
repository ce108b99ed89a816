using System.Runtime.InteropServices;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>
/// Native code for uprobes to hit, compiled with gcc at test time into a fresh directory: a shared library
/// loaded into this process, an executable run as a child, and a library with versioned symbols.
/// </summary>
public sealed unsafe class ProbeTargets : IDisposable
{
    public const string Function = "ebpfsharp_probe_target";

    private const string LibrarySource = """
        __attribute__((noinline)) int ebpfsharp_probe_target(int x) { return x + 1; }
        """;

    // Non-PIE, so .text's address (0x401000-ish) differs from its file offset: the probe must use the offset.
    private const string ExecutableSource = """
        #include <stdlib.h>
        __attribute__((noinline)) int ebpfsharp_probe_target(int x) { return x + 1; }
        int main(int argc, char **argv) {
            int calls = atoi(argv[1]), sum = 0;
            for (int i = 0; i < calls; i++) sum += ebpfsharp_probe_target(i);
            return sum == -1;
        }
        """;

    private const string VersionedSource = """
        __attribute__((noinline)) int versioned_v1(int x) { return x + 1; }
        __attribute__((noinline)) int versioned_v2(int x) { return x + 2; }
        __asm__(".symver versioned_v1, ebpfsharp_versioned@V1");
        __asm__(".symver versioned_v2, ebpfsharp_versioned@@V2");
        """;

    private const string VersionScript = """
        V1 { global: ebpfsharp_versioned; local: *; };
        V2 { global: ebpfsharp_versioned; } V1;
        """;

    private readonly Lazy<(nint Handle, nint Function)> _loaded;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ebpfsharp-uprobe-");

    public ProbeTargets() => _loaded = new(() =>
    {
        var handle = NativeLibrary.Load(LibraryPath);
        return (handle, NativeLibrary.GetExport(handle, Function));
    });

    /// <summary>The shared library, compiled on first use (but not loaded).</summary>
    public string LibraryPath => Compile("libprobetarget.so", LibrarySource, "-shared", "-fPIC");

    /// <summary>The executable; run it with the number of calls to make.</summary>
    public string ExecutablePath => Compile("probetarget", ExecutableSource, "-no-pie");

    /// <summary>A library exporting ebpfsharp_versioned@V1 and the default ebpfsharp_versioned@@V2.</summary>
    public string VersionedLibraryPath
    {
        get
        {
            string script = Path.Combine(_directory.FullName, "versions.map");
            File.WriteAllText(script, VersionScript);
            return Compile("libversioned.so", VersionedSource, "-shared", "-fPIC", $"-Wl,--version-script={script}");
        }
    }

    /// <summary>Loads the library into this process (once) and calls the function <paramref name="times"/> times.</summary>
    public void CallInThisProcess(int times)
    {
        var function = (delegate* unmanaged<int, int>)_loaded.Value.Function;
        for (int i = 0; i < times; i++)
            function(i);
    }

    /// <summary>Runs the executable, which calls the function <paramref name="times"/> times.</summary>
    public void RunExecutable(int times) => Tools.RunChecked(ExecutablePath, times.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
            NativeLibrary.Free(_loaded.Value.Handle);
        _directory.Delete(recursive: true);
    }

    private string Compile(string output, string source, params string[] options)
    {
        string outputPath = Path.Combine(_directory.FullName, output);
        lock (_directory)
        {
            if (File.Exists(outputPath))
                return outputPath;
            string sourcePath = outputPath + ".c";
            File.WriteAllText(sourcePath, source);
            Tools.RunChecked("gcc", ["-O0", .. options, "-o", outputPath, sourcePath]);
            return outputPath;
        }
    }
}
