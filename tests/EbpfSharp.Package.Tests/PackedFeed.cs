using System.Diagnostics;
using System.Reflection;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Package.Tests;

/// <summary>
/// A local NuGet feed holding the EbpfSharp and EbpfSharp.Templates packages, packed once for the test run from the
/// outputs this test project was built with (the project references build them; <c>--no-build</c> reuses them).
/// </summary>
public sealed class PackedFeed
{
    public PackedFeed()
    {
        Directory = Scratch.NewDirectory("feed");
        var clock = Stopwatch.StartNew();
        Pack(Path.Combine(RepositoryRoot, "src", "EbpfSharp.Package", "EbpfSharp.Package.csproj"));
        Pack(Path.Combine(RepositoryRoot, "templates", "EbpfSharp.Templates", "EbpfSharp.Templates.csproj"));
        PackTime = clock.Elapsed;
    }

    /// <summary>The feed's folder.</summary>
    public string Directory { get; }

    /// <summary>How long packing both packages took.</summary>
    public TimeSpan PackTime { get; }

    /// <summary>The version both packages have: Directory.Build.props's $(Version).</summary>
    public static string Version => Metadata("PackageVersion");

    /// <summary>The EbpfSharp package.</summary>
    public string Package => Path.Combine(Directory, $"EbpfSharp.{Version}.nupkg");

    /// <summary>The template package.</summary>
    public string Templates => Path.Combine(Directory, $"EbpfSharp.Templates.{Version}.nupkg");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private void Pack(string project) =>
        Tools.Run("dotnet", ["pack", project, "-c", Metadata("Configuration"), "--no-build", "-o", Directory, "-nologo", "-nodeReuse:false"], TimeSpan.FromMinutes(3))
            .EnsureSuccess($"dotnet pack {Path.GetFileName(project)}");

    private static string Metadata(string key) =>
        typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EbpfSharp.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No EbpfSharp.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>The tests that use the packed feed: it is packed once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "Packed feed";
}
