namespace EbpfSharp.Runtime.Tests.Links;

/// <summary>Tests that count the process's file descriptors run alone, so other tests' descriptors do not disturb the count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorAccountingCollection
{
    public const string Name = "Descriptor accounting";
}
