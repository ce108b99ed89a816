using System.Diagnostics;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Package.Tests;

/// <summary>
/// A project outside the repository (in /tmp, so the repository's Directory.Build.props and targets do not apply)
/// that gets EbpfSharp from the packed feed: a nuget.config adds the feed to the machine's sources and maps the
/// EbpfSharp packages to it alone, and packages restore into the project's own folder, so a cached EbpfSharp of the
/// same version is never used.
/// </summary>
internal sealed class ConsumerProject
{
    private ConsumerProject(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Writes the nuget.config for <paramref name="feed"/> into <paramref name="directory"/> and wraps it.</summary>
    public static ConsumerProject In(string directory, PackedFeed feed)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(directory, "packages")}" />
              </config>
              <packageSources>
                <add key="ebpfsharp-local" value="{feed.Directory}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="ebpfsharp-local">
                  <package pattern="EbpfSharp" />
                  <package pattern="EbpfSharp.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return new ConsumerProject(directory);
    }

    /// <summary>The output folder of a Debug build.</summary>
    public string OutputDirectory => Path.Combine(Directory, "bin", "Debug", "net10.0");

    /// <summary>How long the last <see cref="Build"/> took.</summary>
    public TimeSpan BuildTime { get; private set; }

    /// <summary><c>dotnet build</c> (restore included).</summary>
    public ToolResult Build()
    {
        var clock = Stopwatch.StartNew();
        var result = Tools.Run("dotnet", ["build", "-nologo", "-nodeReuse:false"], TimeSpan.FromMinutes(4), Directory);
        BuildTime = clock.Elapsed;
        return result;
    }

    /// <summary><c>dotnet run --no-build</c> with <paramref name="arguments"/>.</summary>
    public ToolResult Run(params string[] arguments) =>
        Tools.Run("dotnet", ["run", "--no-build", "--", .. arguments], TimeSpan.FromMinutes(2), Directory);
}
