using EbpfSharp.Compiler.Tests.Maps;
using EbpfSharp.Corpus.Maps;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Compiler.Tests.Differential;

/// <summary>The differential harness sees a difference in every kind of state it compares, and names it.</summary>
public sealed class KernelMirrorTests
{
    private static List<string> DifferencesAfter(Type type, Action<BpfObject> changeKernel)
    {
        var corpusClass = CorpusClass.For(type);
        lock (corpusClass.Gate)
        {
            using var loaded = MapCorpus.Load(type);
            corpusClass.Reset();
            using var mirror = new KernelMirror(corpusClass, loaded, name => loaded.Program(name), (int)Bpf.GetSmpProcessorId());
            mirror.Populate();
            Assert.Empty(mirror.Differences());
            changeKernel(loaded);
            return mirror.Differences();
        }
    }

    [KernelFact]
    public void Array_value_difference_names_the_map_and_shows_both_sides()
    {
        var differences = DifferencesAfter(typeof(PacketTally), loaded => loaded.Map("Counts").Update(0u, 5ul));
        string difference = Assert.Single(differences);
        Assert.Contains("map 'Counts'", difference);
        Assert.Contains("00000000 => 0000000000000000", difference);
        Assert.Contains("00000000 => 0500000000000000", difference);
    }

    [KernelFact]
    public void Global_difference_names_the_variable()
    {
        var differences = DifferencesAfter(typeof(PacketTally), loaded => loaded.WriteVariable("TotalBytes", 7L));
        Assert.Contains("global 'TotalBytes'", Assert.Single(differences));
    }

    [KernelFact]
    public void Populated_trie_entry_changed_in_the_kernel_is_a_difference()
    {
        var differences = DifferencesAfter(typeof(PrefixPolicies), loaded =>
            new MapView<PrefixPolicies.Ipv4Prefix, PrefixPolicies.PrefixPolicy>(loaded.Map("Policies"))
                .Update(new PrefixPolicies.Ipv4Prefix { PrefixLength = 8, Address = 10 }, new PrefixPolicies.PrefixPolicy { Action = 2, Hits = 1 }));
        Assert.Contains("map 'Policies': the CLR has 7 entries, the kernel 7", Assert.Single(differences));
    }

    [KernelFact]
    public void Extra_queue_value_is_a_difference_and_the_queue_is_restored()
    {
        var corpusClass = CorpusClass.For(typeof(RecentPorts));
        lock (corpusClass.Gate)
        {
            using var loaded = MapCorpus.Load(typeof(RecentPorts));
            corpusClass.Reset();
            using var mirror = new KernelMirror(corpusClass, loaded, name => loaded.Program(name), (int)Bpf.GetSmpProcessorId());
            mirror.Populate();
            var queue = new QueueView<ushort>(loaded.Map("SourcePorts"));
            queue.Push(80);
            queue.Push(443);
            Assert.Contains("map 'SourcePorts': the CLR has 0 values, the kernel 2", Assert.Single(mirror.Differences()));
            Assert.Equal([80, 443], queue.Drain().Select(port => (int)port));
        }
    }

    [KernelFact]
    public void Ring_buffer_record_only_the_kernel_wrote_is_a_difference()
    {
        var corpusClass = CorpusClass.For(typeof(EventReporting));
        lock (corpusClass.Gate)
        {
            using var loaded = MapCorpus.Load(typeof(EventReporting));
            corpusClass.Reset();
            using var mirror = new KernelMirror(corpusClass, loaded, name => loaded.Program(name), (int)Bpf.GetSmpProcessorId());
            mirror.Populate();
            var frame = FramePackets.Ipv4(protocol: 17, source: 1, destination: 2);
            loaded.Program("ReportIPv4").TestRun(new TestRunOptions { Data = frame });
            var differences = mirror.Differences();
            Assert.Contains(differences, difference => difference.StartsWith("map 'Events': the CLR has 0 values, the kernel 1", StringComparison.Ordinal));
            Assert.Contains(differences, difference => difference.StartsWith("global 'Sequence'", StringComparison.Ordinal));
        }
    }
}
