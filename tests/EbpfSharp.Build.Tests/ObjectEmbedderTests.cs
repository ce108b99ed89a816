using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using Mono.Cecil;

namespace EbpfSharp.Build.Tests;

/// <summary>
/// The Cecil rewrite on its own, over a copy of an assembly the C# compiler built (EbpfSharp.Object.dll and its
/// portable PDB from this test's output folder).
/// </summary>
public sealed class ObjectEmbedderTests
{
    private static readonly byte[] First = [0x7f, (byte)'E', (byte)'L', (byte)'F', 1];
    private static readonly byte[] Second = [0x7f, (byte)'E', (byte)'L', (byte)'F', 2];

    private static string CopyOfCompiledAssembly()
    {
        string directory = Scratch.NewDirectory("embed");
        foreach (string extension in new[] { ".dll", ".pdb" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, "EbpfSharp.Object" + extension), Path.Combine(directory, "EbpfSharp.Object" + extension));
        return Path.Combine(directory, "EbpfSharp.Object.dll");
    }

    private static bool Embed(string assembly, Dictionary<string, byte[]> resources, SigningOptions? signing = null) =>
        ObjectEmbedder.Embed(assembly, null, resources, signing ?? new SigningOptions(), []);

    [Fact]
    public void The_resource_name_is_the_one_the_runtime_looks_up()
    {
        Assert.Equal(EmbeddedObject.ResourceName("Ns.Outer/Inner"), ObjectEmbedder.ResourceName("Ns.Outer/Inner"));
        Assert.Equal(EmbeddedObject.ResourceName(EmbeddedObject.ClassName(typeof(Nested.Program))), ObjectEmbedder.ResourceName("EbpfSharp.Build.Tests.ObjectEmbedderTests/Nested/Program"));
    }

    [Fact]
    public void The_rewrite_is_deterministic_and_keeps_the_pdb_matching()
    {
        string original = CopyOfCompiledAssembly();
        Guid originalMvid = AssemblyFiles.Mvid(original);
        string a = CopyOfCompiledAssembly();
        string b = CopyOfCompiledAssembly();

        Assert.True(Embed(a, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First }));
        Assert.True(Embed(b, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First }));

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Equal(File.ReadAllBytes(Path.ChangeExtension(a, ".pdb")), File.ReadAllBytes(Path.ChangeExtension(b, ".pdb")));
        Assert.Null(AssemblyFiles.PdbMismatch(a, Path.ChangeExtension(a, ".pdb")));
        Assert.NotEqual(originalMvid, AssemblyFiles.Mvid(a));
        Assert.Equal("EbpfSharp.Object.pdb", PdbPath(a));
        Assert.Equal(First, AssemblyFiles.Resources(a)["EbpfSharp/Ns.Counter.bpf.o"]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(a)!, "*.tmp"));
    }

    [Fact]
    public void Embedding_the_same_objects_again_leaves_the_files_alone()
    {
        string assembly = CopyOfCompiledAssembly();
        Embed(assembly, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First });
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(assembly, written);

        Assert.False(Embed(assembly, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First }));

        Assert.Equal(written, File.GetLastWriteTimeUtc(assembly));
    }

    [Fact]
    public void Objects_are_replaced_stale_ones_removed_and_other_resources_kept()
    {
        string assembly = CopyOfCompiledAssembly();
        AddResource(assembly, "Keep/me.txt", [1, 2, 3]);
        Embed(assembly, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First, ["EbpfSharp/Ns.Gone.bpf.o"] = First });

        Assert.True(Embed(assembly, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = Second }));

        var resources = AssemblyFiles.Resources(assembly);
        Assert.Equal(["EbpfSharp/Ns.Counter.bpf.o", "Keep/me.txt"], resources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Second, resources["EbpfSharp/Ns.Counter.bpf.o"]);
        Assert.Equal([1, 2, 3], resources["Keep/me.txt"]);
        Assert.Null(AssemblyFiles.PdbMismatch(assembly, Path.ChangeExtension(assembly, ".pdb")));
    }

    [Fact]
    public void A_strong_named_assembly_is_signed_again_with_its_key_file()
    {
        using var rsa = RSA.Create(1024);
        string keyFile = Scratch.WriteFile("key.snk", StrongNames.KeyFile(rsa));
        string assembly = CopyOfCompiledAssembly();
        Sign(assembly, keyFile);
        byte[] publicKey = AssemblyFiles.StrongName(assembly).PublicKey;
        Assert.True(StrongNames.Verify(assembly, rsa), "the test's own signing is valid");

        Assert.True(Embed(assembly, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First }, new SigningOptions(SignAssembly: true, KeyFile: keyFile)));

        var (key, signed) = AssemblyFiles.StrongName(assembly);
        Assert.Equal(publicKey, key);
        Assert.True(signed);
        Assert.True(StrongNames.Verify(assembly, rsa), "the signature covers the rewritten assembly");
        Assert.Null(AssemblyFiles.PdbMismatch(assembly, Path.ChangeExtension(assembly, ".pdb")));
    }

    [Fact]
    public void A_strong_named_assembly_without_its_key_file_is_a_clear_error_and_public_signing_needs_none()
    {
        using var rsa = RSA.Create(1024);
        string keyFile = Scratch.WriteFile("key.snk", StrongNames.KeyFile(rsa));
        string assembly = CopyOfCompiledAssembly();
        Sign(assembly, keyFile);

        var error = Assert.Throws<EmbeddingException>(() => Embed(assembly, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First }));
        Assert.Contains("EbpfSharpEmbed", error.Message);
        Assert.Contains("strong-name signed", error.Message);

        Assert.True(Embed(assembly, new() { ["EbpfSharp/Ns.Counter.bpf.o"] = First }, new SigningOptions(SignAssembly: true, PublicSign: true)));
        Assert.NotEmpty(AssemblyFiles.StrongName(assembly).PublicKey);
    }

    private static string PdbPath(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var codeView = pe.ReadDebugDirectory().Single(entry => entry.Type == DebugDirectoryEntryType.CodeView);
        return pe.ReadCodeViewDebugDirectoryData(codeView).Path;
    }

    private static void AddResource(string assembly, string name, byte[] bytes) =>
        Rewrite(assembly, module => module.Resources.Add(new EmbeddedResource(name, ManifestResourceAttributes.Public, bytes)));

    /// <summary>Strong-names a copy the way the C# compiler would have (with Cecil here).</summary>
    private static void Sign(string assembly, string keyFile) => Rewrite(assembly, _ => { }, File.ReadAllBytes(keyFile));

    /// <summary>Changes a copy with Cecil, keeping its PDB in step.</summary>
    private static void Rewrite(string assembly, Action<ModuleDefinition> change, byte[]? key = null)
    {
        string pdb = Path.ChangeExtension(assembly, ".pdb");
        using var module = ModuleDefinition.ReadModule(new MemoryStream(File.ReadAllBytes(assembly)),
            new ReaderParameters { ReadSymbols = true, SymbolStream = new MemoryStream(File.ReadAllBytes(pdb)), SymbolReaderProvider = new Mono.Cecil.Cil.PortablePdbReaderProvider() });
        change(module);
        using var output = File.Create(assembly);
        using var symbols = File.Create(pdb);
        module.Write(output, new WriterParameters
        {
            StrongNameKeyBlob = key,
            WriteSymbols = true,
            SymbolStream = symbols,
            SymbolWriterProvider = new Mono.Cecil.Cil.PortablePdbWriterProvider(),
        });
    }

    private static class Nested
    {
        public static class Program;
    }
}
