namespace EbpfSharp.Runtime.Tests;

/// <summary>
/// Tests that count the process's descriptors run in this collection: xunit runs it alone, after the
/// parallel tests, so no other test opens or closes descriptors meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Serial: counts process-wide descriptors";
}
