using System.Net;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Networking;

public class RouteNetlinkSocketTests
{
    [KernelFact("ip")]
    public void Links_come_up_with_the_addresses_given()
    {
        using var network = NetworkNamespace.Create();

        string shown = network.Run(() =>
        {
            using var netlink = RouteNetlinkSocket.Open();
            netlink.CreateVethPair("left", "right");
            netlink.AddIPv4Address("left", IPAddress.Parse("10.77.0.1"), 24);
            netlink.SetLinkUp("left");
            netlink.SetLinkUp("right");
            return Tools.RunChecked("ip", "-4", "addr", "show", "dev", "left");
        });

        Assert.Contains("inet 10.77.0.1/24", shown);
        Assert.Contains("UP", shown);
    }

    [KernelFact]
    public void Creating_an_interface_that_exists_is_a_conflict_naming_it()
    {
        using var network = NetworkNamespace.Create();

        var exception = network.Run(() =>
        {
            using var netlink = RouteNetlinkSocket.Open();
            netlink.CreateVethPair("twin0", "twin1");
            return Assert.Throws<BpfConflictException>(() => netlink.CreateVethPair("twin0", "twin2"));
        });

        Assert.Contains("'twin0' already exists", exception.Message);
    }

    [KernelFact]
    public void An_unknown_interface_is_not_found()
    {
        using var network = NetworkNamespace.Create();

        var exception = network.Run(() =>
        {
            using var netlink = RouteNetlinkSocket.Open();
            return Assert.Throws<BpfNotFoundException>(() => netlink.GetInterfaceIndex("absent0"));
        });

        Assert.Contains("absent0", exception.Message);
    }

    [KernelFact]
    public void Deleting_one_end_of_a_veth_pair_deletes_both()
    {
        using var network = NetworkNamespace.Create();

        var exception = network.Run(() =>
        {
            using var netlink = RouteNetlinkSocket.Open();
            netlink.CreateVethPair("end0", "end1");
            netlink.DeleteLink("end0");
            return Assert.Throws<BpfNotFoundException>(() => netlink.GetInterfaceIndex("end1"));
        });

        Assert.Contains("end1", exception.Message);
    }

    [Fact]
    public void An_interface_name_longer_than_fifteen_bytes_is_refused_before_asking_the_kernel()
    {
        using var netlink = RouteNetlinkSocket.Open();

        Assert.Throws<ArgumentException>(() => netlink.SetLinkUp("a-name-that-is-too-long"));
    }
}
