using EbpfSharp.TestSupport;

namespace EbpfSharp.Build.Tests;

/// <summary>
/// A throwaway C# project in a scratch folder that uses EbpfSharp as projects in this repository do: a reference to
/// src/EbpfSharp by absolute path, build/EbpfSharp.targets imported, and the task this test run was built with.
/// </summary>
internal sealed class TemporaryProject
{
    private TemporaryProject(string directory, string outputSubdirectory)
    {
        Directory = directory;
        OutputSubdirectory = outputSubdirectory;
    }

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>The intermediate folder of a Debug build (<c>obj/Debug/net10.0/</c>, then the runtime identifier if any).</summary>
    public string IntermediateDirectory => Path.Combine(Directory, "obj", OutputSubdirectory);

    /// <summary>The output folder of a Debug build (<c>bin/Debug/net10.0/</c>, then the runtime identifier if any).</summary>
    public string OutputDirectory => Path.Combine(Directory, "bin", OutputSubdirectory);

    private string OutputSubdirectory { get; }

    /// <summary>The assembly a Debug build writes to <c>obj/</c> before the copy to <c>bin/</c>.</summary>
    public string IntermediateAssembly => Path.Combine(IntermediateDirectory, "Programs.dll");

    /// <summary>The assembly in <c>bin/</c>.</summary>
    public string OutputAssembly => Path.Combine(OutputDirectory, "Programs.dll");

    /// <summary>
    /// Creates the project with one source file per entry of <paramref name="sources"/> (file name → text). An
    /// <paramref name="application"/> is a console program that also references EbpfSharp.Runtime, to load what it built;
    /// it is built for linux-x64 (framework-dependent) from the start, so a single-file publish can reuse the build
    /// instead of building it, and its project references, again for a runtime identifier.
    /// </summary>
    /// <param name="sources">File name → text.</param>
    /// <param name="application">Whether the project is a console application that loads what it built.</param>
    /// <param name="properties">More properties, as XML elements.</param>
    public static TemporaryProject Create(IReadOnlyDictionary<string, string> sources, bool application = false, string properties = "")
    {
        string root = RepositoryRoot();
        var project = new TemporaryProject(Scratch.NewDirectory("msbuild"),
            application ? Path.Combine("Debug", "net10.0", "linux-x64") : Path.Combine("Debug", "net10.0"));
        // The task (and the compiler and Cecil beside it) is the one this test assembly was built with.
        string task = Path.Combine(AppContext.BaseDirectory, "EbpfSharp.Build.dll");
        File.WriteAllText(Path.Combine(project.Directory, "Programs.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <EbpfSharpTaskAssembly>{task}</EbpfSharpTaskAssembly>
                {properties}
                {(application ? "<OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings><RuntimeIdentifier>linux-x64</RuntimeIdentifier><SelfContained>false</SelfContained>" : "")}
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(root, "src", "EbpfSharp", "EbpfSharp.csproj")}" />
                {(application ? $"<ProjectReference Include=\"{Path.Combine(root, "src", "EbpfSharp.Runtime", "EbpfSharp.Runtime.csproj")}\" />" : "")}
              </ItemGroup>
              <Import Project="{Path.Combine(root, "build", "EbpfSharp.targets")}" />
            </Project>
            """);
        foreach (var (name, text) in sources)
            File.WriteAllText(Path.Combine(project.Directory, name), text);
        return project;
    }

    /// <summary>Runs <c>dotnet build</c> on the project with <paramref name="arguments"/> added.</summary>
    public ToolResult Build(params string[] arguments) => Dotnet("build", arguments);

    /// <summary>Runs <c>dotnet &lt;verb&gt;</c> (build, publish) on the project with <paramref name="arguments"/> added.</summary>
    public ToolResult Dotnet(string verb, params string[] arguments)
    {
        var command = new List<string> { verb, Path.Combine(Directory, "Programs.csproj"), "-nologo", "-nodeReuse:false" };
        // Restore as the repository does when it carries a NuGet.config (the scratch folder is outside it).
        string? config = new[] { "NuGet.config", "nuget.config", "NuGet.Config" }
            .Select(name => Path.Combine(RepositoryRoot(), name)).FirstOrDefault(File.Exists);
        if (config is not null)
            command.Add($"-p:RestoreConfigFile={config}");
        command.AddRange(arguments);
        return Tools.Run("dotnet", command, TimeSpan.FromMinutes(5), Directory);
    }

    /// <summary>Runs the built application with <c>dotnet run --no-build</c>.</summary>
    public ToolResult Run() =>
        Tools.Run("dotnet", ["run", "--project", Path.Combine(Directory, "Programs.csproj"), "--no-build"], TimeSpan.FromMinutes(2), Directory);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EbpfSharp.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No EbpfSharp.sln above {AppContext.BaseDirectory}.");
    }
}
