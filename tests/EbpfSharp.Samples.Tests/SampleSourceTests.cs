namespace EbpfSharp.Samples.Tests;

/// <summary>
/// The samples' host code goes through the generated classes only: no map, program or variable looked up by a
/// string name, no object read by hand, and no byte arrays (sockets make the traffic).
/// </summary>
public class SampleSourceTests
{
    private static readonly string[] Forbidden =
    [
        ".Map(\"", ".Program(\"", ".Variable<", "ReadVariable", "SetVariable", "BpfObject.Load", "ObjectSpec.Read", "byte[]", "new byte[",
    ];

    [Theory]
    [InlineData("PacketCounter")]
    [InlineData("Firewall")]
    [InlineData("OpenSnoop")]
    [InlineData("ExecSnoop")]
    [InlineData("FunctionLatency")]
    public void The_host_code_uses_only_the_generated_api(string sample)
    {
        string directory = Path.Combine(RepositoryRoot(), "samples", sample);
        // Generated files (and a hand-written stand-in for them) are the generator's, not the sample's.
        var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.TopDirectoryOnly)
            .Where(path => !path.EndsWith(".g.cs", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith("Generated.", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);

        var found = from path in sources
                    from line in File.ReadLines(path).Select((text, index) => (Text: text, Number: index + 1))
                    from pattern in Forbidden
                    where line.Text.Contains(pattern, StringComparison.Ordinal)
                    select $"{Path.GetFileName(path)}:{line.Number}: {pattern}";
        Assert.Empty(found);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "EbpfSharp.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"No EbpfSharp.sln above {AppContext.BaseDirectory}.");
    }
}
