using System.Runtime.CompilerServices;

namespace EbpfSharp.Generators.Tests;

/// <summary>
/// Compares generated source with <c>Snapshots/&lt;TestClass&gt;.&lt;Test&gt;.verified.cs</c> beside the test's source.
/// On a difference it writes what it got to <c>….received.cs</c> and fails; with <c>EBPFSHARP_UPDATE_SNAPSHOTS=1</c>
/// it writes the verified file instead and passes.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "EBPFSHARP_UPDATE_SNAPSHOTS";

    public static void Verify(string actual, [CallerFilePath] string testFile = "", [CallerMemberName] string test = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        string name = $"{Path.GetFileNameWithoutExtension(testFile)}.{test}";
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        actual = actual.ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        string howToUpdate = $"Review {received}; if it is right, run the tests with {UpdateVariable}=1 (or rename it to {Path.GetFileName(verified)}) and commit the snapshot.";
        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"There is no snapshot {verified}. {howToUpdate}");
        }
        string expected = File.ReadAllText(verified).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"The generated source differs from {verified} {FirstDifference(expected, actual)}. {howToUpdate}");
        }
        File.Delete(received);
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n'), actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? want = i < expectedLines.Length ? expectedLines[i] : null, got = i < actualLines.Length ? actualLines[i] : null;
            if (want != got)
                return $"at line {i + 1}: expected '{want ?? "<end>"}', got '{got ?? "<end>"}'";
        }
        return "(line endings only)";
    }
}
