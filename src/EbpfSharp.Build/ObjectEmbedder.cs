using System.Text;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EbpfSharp.Build;

/// <summary>How the assembly was strong-named, as the project's signing properties say.</summary>
/// <param name="SignAssembly">The project's <c>SignAssembly</c>.</param>
/// <param name="KeyFile">The key file the C# compiler signed with (<c>KeyOriginatorFile</c>), or empty.</param>
/// <param name="DelaySign">The project's <c>DelaySign</c>: the signature is left for later.</param>
/// <param name="PublicSign">The project's <c>PublicSign</c>: only the public key is recorded.</param>
internal sealed record SigningOptions(bool SignAssembly = false, string KeyFile = "", bool DelaySign = false, bool PublicSign = false);

/// <summary>
/// Puts the compiled objects into the assembly as manifest resources named <c>EbpfSharp/&lt;Class&gt;.bpf.o</c>, so
/// the generated <c>Load()</c> needs no file: a Cecil rewrite of the intermediate assembly with its portable PDB.
/// </summary>
/// <remarks>
/// The rewrite keeps the PDB matching (new PDB ID and checksum in the assembly's debug directory; the CodeView entry
/// then names the PDB by file name, which is where debuggers look first: beside the assembly), gives the assembly a deterministic MVID (a hash of its content, as the C# compiler's deterministic MVID
/// is), re-signs a strong-named assembly with its key file, removes <c>EbpfSharp/*.bpf.o</c> resources of classes
/// that no longer have programs, and leaves the files alone when the resources already hold these bytes. It reads
/// both files into memory and writes temporary files that replace the originals, so nothing keeps them open or
/// sees them half written.
/// </remarks>
internal static class ObjectEmbedder
{
    /// <summary>The resource name prefix; <c>EbpfSharp.Runtime.EmbeddedObject.ResourceName</c> agrees (a test checks).</summary>
    public const string ResourcePrefix = "EbpfSharp/";

    /// <summary>The resource name suffix.</summary>
    public const string ResourceSuffix = ".bpf.o";

    /// <summary>The manifest resource name of a class's object: <c>EbpfSharp/&lt;Cecil FullName&gt;.bpf.o</c>.</summary>
    public static string ResourceName(string className) => ResourcePrefix + className + ResourceSuffix;

    /// <summary>Whether <paramref name="name"/> is a resource this step owns (and may replace or remove).</summary>
    public static bool IsObjectResource(string name) =>
        name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(ResourceSuffix, StringComparison.Ordinal);

    /// <summary>
    /// Makes the <c>EbpfSharp/*.bpf.o</c> resources of <paramref name="assemblyPath"/> exactly
    /// <paramref name="resources"/> (name → bytes), rewriting the assembly and its PDB if they differ.
    /// </summary>
    /// <returns>Whether the files were rewritten.</returns>
    /// <exception cref="EmbeddingException">The assembly cannot be rewritten as it is (signing, symbols).</exception>
    public static bool Embed(string assemblyPath, string? symbolsPath, IReadOnlyDictionary<string, byte[]> resources,
        SigningOptions signing, IEnumerable<string> referenceDirectories)
    {
        byte[] assemblyBytes = File.ReadAllBytes(assemblyPath);
        symbolsPath = string.IsNullOrEmpty(symbolsPath) ? Path.ChangeExtension(assemblyPath, ".pdb") : symbolsPath;

        using var resolver = new DefaultAssemblyResolver();
        foreach (string directory in resolver.GetSearchDirectories())
            resolver.RemoveSearchDirectory(directory);
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(assemblyPath)));
        foreach (string directory in referenceDirectories)
            resolver.AddSearchDirectory(directory);

        var symbols = Symbols.Find(assemblyBytes, symbolsPath);
        var readerParameters = new ReaderParameters
        {
            AssemblyResolver = resolver,
            InMemory = true,
            ReadingMode = ReadingMode.Immediate,
            ReadSymbols = symbols.Kind != SymbolKind.None,
            SymbolReaderProvider = symbols.Kind switch
            {
                SymbolKind.Portable => new PortablePdbReaderProvider(),
                SymbolKind.Embedded => new EmbeddedPortablePdbReaderProvider(),
                _ => null,
            },
            SymbolStream = symbols.Kind == SymbolKind.Portable ? new MemoryStream(symbols.PdbBytes!) : null,
        };
        using var module = ModuleDefinition.ReadModule(new MemoryStream(assemblyBytes), readerParameters);

        if (HasResources(module, resources))
            return false;

        var keyBlob = KeyFor(module, signing, assemblyPath);
        foreach (var stale in module.Resources.Where(resource => IsObjectResource(resource.Name)).ToList())
            module.Resources.Remove(stale);
        foreach (var (name, bytes) in resources.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            module.Resources.Add(new EmbeddedResource(name, ManifestResourceAttributes.Public, bytes));

        string assemblyTemporary = assemblyPath + ".ebpfsharp.tmp";
        string symbolsTemporary = symbolsPath + ".ebpfsharp.tmp";
        try
        {
            using (var assemblyStream = new FileStream(assemblyTemporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            using (var symbolsStream = symbols.Kind == SymbolKind.Portable
                ? new FileStream(symbolsTemporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None)
                : null)
            {
                var writerParameters = new WriterParameters
                {
                    WriteSymbols = symbols.Kind != SymbolKind.None,
                    SymbolWriterProvider = symbols.Kind switch
                    {
                        SymbolKind.Portable => new PortablePdbWriterProvider(),
                        SymbolKind.Embedded => new EmbeddedPortablePdbWriterProvider(),
                        _ => null,
                    },
                    SymbolStream = symbolsStream,
                    DeterministicMvid = true,
                    StrongNameKeyBlob = keyBlob,
                };
                module.Write(assemblyStream, writerParameters);
            }
            if (symbols.Kind == SymbolKind.Portable)
                File.Move(symbolsTemporary, symbolsPath, overwrite: true);
            File.Move(assemblyTemporary, assemblyPath, overwrite: true);
        }
        finally
        {
            File.Delete(assemblyTemporary);
            File.Delete(symbolsTemporary);
        }
        return true;
    }

    /// <summary>The object resources of <paramref name="assemblyPath"/> (name → bytes), for tests and diagnostics.</summary>
    public static Dictionary<string, byte[]> ReadResources(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(new MemoryStream(File.ReadAllBytes(assemblyPath)));
        return module.Resources.OfType<EmbeddedResource>()
            .Where(resource => IsObjectResource(resource.Name))
            .ToDictionary(resource => resource.Name, resource => resource.GetResourceData(), StringComparer.Ordinal);
    }

    private static bool HasResources(ModuleDefinition module, IReadOnlyDictionary<string, byte[]> resources)
    {
        var present = module.Resources.Where(resource => IsObjectResource(resource.Name)).ToList();
        return present.Count == resources.Count && present.All(resource =>
            resource is EmbeddedResource embedded
            && resources.TryGetValue(resource.Name, out var bytes)
            && embedded.GetResourceData().AsSpan().SequenceEqual(bytes));
    }

    /// <summary>The key to re-sign with: null when the assembly is not fully signed (no public key, delay or public signing).</summary>
    private static byte[]? KeyFor(ModuleDefinition module, SigningOptions signing, string assemblyPath)
    {
        var name = module.Assembly.Name;
        if (!name.HasPublicKey || signing.DelaySign || signing.PublicSign)
            return null;
        // Fully signed: the signature covers the bytes the rewrite changes, so it must be made again.
        if (signing.SignAssembly && !string.IsNullOrEmpty(signing.KeyFile) && File.Exists(signing.KeyFile))
            return File.ReadAllBytes(signing.KeyFile);
        throw new EmbeddingException(
            $"'{Path.GetFileName(assemblyPath)}' is strong-name signed, but no key file to re-sign it after embedding the eBPF objects was found " +
            $"(SignAssembly='{signing.SignAssembly}', key file '{signing.KeyFile}'). Sign with AssemblyOriginatorKeyFile, " +
            "or set EbpfSharpEmbed to false to keep the objects only beside the assembly.");
    }

    private enum SymbolKind
    {
        None,
        Portable,
        Embedded,
    }

    /// <summary>Which symbols the assembly has, and for a PDB file its bytes.</summary>
    private sealed record Symbols(SymbolKind Kind, byte[]? PdbBytes)
    {
        public static Symbols Find(byte[] assemblyBytes, string symbolsPath)
        {
            using var module = ModuleDefinition.ReadModule(new MemoryStream(assemblyBytes));
            var header = module.GetDebugHeader();
            if (header.Entries.Any(entry => entry.Directory.Type == ImageDebugType.EmbeddedPortablePdb))
                return new Symbols(SymbolKind.Embedded, null);
            if (!header.Entries.Any(entry => entry.Directory.Type == ImageDebugType.CodeView) || !File.Exists(symbolsPath))
                return new Symbols(SymbolKind.None, null);
            byte[] pdb = File.ReadAllBytes(symbolsPath);
            // A portable PDB is ECMA-335 metadata, which starts with "BSJB"; anything else (a Windows PDB) Cecil
            // would rewrite into a mismatch.
            if (pdb.Length < 4 || Encoding.ASCII.GetString(pdb, 0, 4) != "BSJB")
                throw new EmbeddingException(
                    $"'{symbolsPath}' is not a portable PDB: embedding the eBPF objects would leave it out of date. " +
                    "Build with <DebugType>portable</DebugType> (or embedded), or set EbpfSharpEmbed to false.");
            return new Symbols(SymbolKind.Portable, pdb);
        }
    }
}

/// <summary>The assembly cannot take the objects as it is built (signing or symbols); the message says what to change.</summary>
internal sealed class EmbeddingException(string message) : Exception(message);
