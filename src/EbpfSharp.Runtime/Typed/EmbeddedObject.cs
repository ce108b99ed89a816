using System.Reflection;

namespace EbpfSharp.Runtime;

/// <summary>
/// Finds the object that <c>dotnet build</c> compiled from a program class: embedded in the class's assembly as a
/// manifest resource (the build step adds it), or else the <c>&lt;Class&gt;.bpf.o</c> file beside the application.
/// The generated <c>Open()</c> and <c>Load()</c> of a program class call this.
/// </summary>
public static class EmbeddedObject
{
    private const string ResourcePrefix = "EbpfSharp/";

    /// <summary>
    /// The manifest resource name of a class's object: <c>EbpfSharp/</c>, the class's metadata name (namespace,
    /// then enclosing classes separated by <c>/</c>, as Mono.Cecil writes it), then <c>.bpf.o</c>.
    /// </summary>
    /// <param name="className">The class's metadata name, such as <c>Samples.Outer/Counter</c>.</param>
    public static string ResourceName(string className) => $"{ResourcePrefix}{className}.bpf.o";

    /// <summary>The metadata name of a class, as <see cref="ResourceName(string)"/> expects it.</summary>
    public static string ClassName(Type programClass)
    {
        ArgumentNullException.ThrowIfNull(programClass);
        return (programClass.FullName ?? programClass.Name).Replace('+', '/');
    }

    /// <summary>The object's file name, as the build writes it beside the assembly: <c>&lt;Class&gt;.bpf.o</c>.</summary>
    public static string FileName(Type programClass)
    {
        ArgumentNullException.ThrowIfNull(programClass);
        return $"{programClass.Name}.bpf.o";
    }

    /// <summary>Reads (does not load) the object compiled from <paramref name="programClass"/>.</summary>
    /// <exception cref="FileNotFoundException">The object is neither embedded nor beside the application.</exception>
    public static ObjectSpec Open(Type programClass)
    {
        ArgumentNullException.ThrowIfNull(programClass);
        var assembly = programClass.Assembly;
        string resource = ResourceName(ClassName(programClass));
        using (var stream = assembly.GetManifestResourceStream(resource))
        {
            if (stream is not null)
                return ObjectSpec.Read(stream, programClass.Name);
        }

        string fileName = FileName(programClass);
        foreach (string directory in CandidateDirectories(assembly))
        {
            string path = Path.Combine(directory, fileName);
            if (File.Exists(path))
                return ObjectSpec.ReadFile(path);
        }
        throw new FileNotFoundException(
            $"The eBPF object of '{programClass.FullName}' is not embedded in assembly '{assembly.GetName().Name}' (resource '{resource}') " +
            $"and '{fileName}' is not beside the application ({string.Join(", ", CandidateDirectories(assembly))}). " +
            "The EbpfSharp build step writes and embeds it: build the project with the EbpfSharp package (and EbpfSharpCompile not false).",
            fileName);
    }

    private static IEnumerable<string> CandidateDirectories(Assembly assembly)
    {
        var directories = new List<string> { AppContext.BaseDirectory };
        // Empty for single-file applications and assemblies loaded from bytes.
#pragma warning disable IL3000
        string location = assembly.Location;
#pragma warning restore IL3000
        if (!string.IsNullOrEmpty(location) && Path.GetDirectoryName(location) is { Length: > 0 } directory)
            directories.Add(directory);
        return directories.Distinct(StringComparer.Ordinal);
    }
}
