using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Networking;

public class NetworkNamespaceTests
{
    private static string ThreadNamespace() => new FileInfo("/proc/thread-self/ns/net").LinkTarget!;

    [KernelFact]
    public void Run_executes_inside_a_namespace_other_than_the_callers()
    {
        using var network = NetworkNamespace.Create();
        string outside = ThreadNamespace();

        string inside = network.Run(ThreadNamespace);

        Assert.NotEqual(outside, inside);
        Assert.Equal(outside, ThreadNamespace());
        Assert.Equal(inside, network.Run(ThreadNamespace));
    }

    [KernelFact]
    public void A_new_namespace_has_only_loopback()
    {
        using var network = NetworkNamespace.Create();

        // /proc/net is the main thread's view; /proc/thread-self/net is this thread's.
        var interfaces = network.Run(() => File.ReadAllLines("/proc/thread-self/net/dev").Skip(2).Select(line => line.Split(':')[0].Trim()).ToList());

        Assert.Equal(["lo"], interfaces);
    }

    [KernelFact]
    public void Exceptions_thrown_inside_propagate_to_the_caller()
    {
        using var network = NetworkNamespace.Create();

        var exception = Assert.Throws<InvalidOperationException>(() => network.Run(() => throw new InvalidOperationException("inside")));

        Assert.Equal("inside", exception.Message);
    }

    [KernelFact]
    public void A_disposed_namespace_cannot_run_code()
    {
        var network = NetworkNamespace.Create();
        network.Dispose();

        Assert.Throws<ObjectDisposedException>(() => network.Run(() => { }));
    }

    [KernelFact]
    public void Interfaces_created_inside_are_invisible_outside()
    {
        using var network = NetworkNamespace.Create();

        int index = network.Run(() =>
        {
            using var netlink = RouteNetlinkSocket.Open();
            netlink.CreateVethPair("inner0", "inner1");
            return netlink.GetInterfaceIndex("inner0");
        });

        Assert.True(index > 1);
        Assert.Null(InterfaceNames.IndexOf("inner0"));
        Assert.Equal(index, network.Run(() => InterfaceNames.IndexOf("inner0")));
    }
}
