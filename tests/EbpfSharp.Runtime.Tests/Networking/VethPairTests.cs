using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Networking;

public class VethPairTests
{
    [KernelFact]
    public void Datagrams_sent_from_a_arrive_at_b()
    {
        using var pair = VethPair.Create();

        Assert.Equal(25, pair.SendUdp(25, 47100));
    }

    [KernelFact]
    public void The_pair_lives_only_in_its_own_namespaces()
    {
        using var pair = VethPair.Create();

        Assert.Null(InterfaceNames.IndexOf(pair.InterfaceA));
        Assert.Null(InterfaceNames.IndexOf(pair.InterfaceB));
        Assert.Equal(pair.InterfaceIndexA, pair.NamespaceA.Run(() => InterfaceNames.IndexOf(pair.InterfaceA)));
        Assert.Equal(pair.InterfaceIndexB, pair.NamespaceB.Run(() => InterfaceNames.IndexOf(pair.InterfaceB)));
        Assert.Null(pair.NamespaceA.Run(() => InterfaceNames.IndexOf(pair.InterfaceB)));
    }

    [KernelFact]
    public void Dispose_deletes_the_pair_and_releases_the_namespaces()
    {
        var pair = VethPair.Create();

        pair.Dispose();

        Assert.True(pair.NamespaceA.Handle.IsClosed);
        Assert.True(pair.NamespaceB.Handle.IsClosed);
        pair.Dispose();
    }
}
