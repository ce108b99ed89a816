using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace EbpfSharp.Build.Tests;

/// <summary>Reads built assemblies and PDBs with System.Reflection.Metadata, independently of Cecil.</summary>
internal static class AssemblyFiles
{
    /// <summary>The embedded manifest resources of an assembly, name → bytes.</summary>
    public static Dictionary<string, byte[]> Resources(string assemblyPath)
    {
        using var pe = new PEReader(new MemoryStream(File.ReadAllBytes(assemblyPath)));
        var metadata = pe.GetMetadataReader();
        var resources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil)
                continue;
            var data = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader();
            data.Offset = (int)resource.Offset;
            int length = data.ReadInt32();
            resources[metadata.GetString(resource.Name)] = data.ReadBytes(length);
        }
        return resources;
    }

    /// <summary>
    /// Why the portable PDB does not belong to the assembly, or null when it does: the CodeView entry's ID and age
    /// are the PDB's ID (what debuggers check), and the PdbChecksum entry is the PDB's SHA-256 (what symbol servers
    /// and source-link tooling check).
    /// </summary>
    public static string? PdbMismatch(string assemblyPath, string pdbPath)
    {
        byte[] pdb = File.ReadAllBytes(pdbPath);
        using var pe = new PEReader(new MemoryStream(File.ReadAllBytes(assemblyPath)));
        var entries = pe.ReadDebugDirectory();
        var codeViewEntry = entries.Single(entry => entry.Type == DebugDirectoryEntryType.CodeView);
        var codeView = pe.ReadCodeViewDebugDirectoryData(codeViewEntry);

        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var header = provider.GetMetadataReader().DebugMetadataHeader!;
        var id = new BlobContentId(header.Id);
        if (id.Guid != codeView.Guid || id.Stamp != codeViewEntry.Stamp || codeView.Age != 1)
            return $"CodeView {codeView.Guid}/{codeViewEntry.Stamp:x8}/{codeView.Age}, PDB ID {id.Guid}/{id.Stamp:x8}";
        if (Path.GetFileName(codeView.Path) != Path.GetFileName(pdbPath))
            return $"CodeView path {codeView.Path}";

        var checksumEntry = entries.Where(entry => entry.Type == DebugDirectoryEntryType.PdbChecksum).ToList();
        if (checksumEntry.Count == 1)
        {
            var checksum = pe.ReadPdbChecksumDebugDirectoryData(checksumEntry[0]);
            // The checksum is taken with the PDB ID zeroed (it is derived from the checksum).
            byte[] zeroed = (byte[])pdb.Clone();
            Array.Clear(zeroed, header.IdStartOffset, header.Id.Length);
            if (checksum.AlgorithmName != "SHA256" || !SHA256.HashData(zeroed).AsSpan().SequenceEqual(checksum.Checksum.AsSpan()))
                return $"PdbChecksum {checksum.AlgorithmName} does not match the PDB";
        }

        // And what a debugger does: open the PDB the assembly names, from beside it.
        using var besides = new PEReader(File.OpenRead(assemblyPath));
        if (!besides.TryOpenAssociatedPortablePdb(assemblyPath, path => File.Exists(path) ? File.OpenRead(path) : null, out var associated, out _)
            || associated is null)
            return "TryOpenAssociatedPortablePdb found no matching PDB";
        associated.Dispose();
        return null;
    }

    /// <summary>The assembly's MVID.</summary>
    public static Guid Mvid(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    /// <summary>The assembly's public key (empty when not strong-named) and whether the CLI header says it is signed.</summary>
    public static (byte[] PublicKey, bool Signed) StrongName(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var key = metadata.GetBlobBytes(metadata.GetAssemblyDefinition().PublicKey);
        return (key, (pe.PEHeaders.CorHeader!.Flags & CorFlags.StrongNameSigned) != 0);
    }

    /// <summary>The strong-name signature blob of a signed assembly.</summary>
    public static byte[] StrongNameSignature(string assemblyPath)
    {
        byte[] bytes = File.ReadAllBytes(assemblyPath);
        using var pe = new PEReader(new MemoryStream(bytes));
        var directory = pe.PEHeaders.CorHeader!.StrongNameSignatureDirectory;
        pe.PEHeaders.TryGetDirectoryOffset(directory, out int offset);
        return bytes.AsSpan(offset, directory.Size).ToArray();
    }

    /// <summary>The document count of a PDB: the compiler reads C# lines through these.</summary>
    public static int PdbDocuments(string pdbPath)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
        return provider.GetMetadataReader().Documents.Count;
    }
}
