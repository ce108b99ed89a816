using EbpfSharp.Object;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Links;

public class XdpAttachTests
{
    private const int Port = 47001;

    [KernelTheory("ip")]
    [InlineData(XdpAttachMode.Generic)]
    [InlineData(XdpAttachMode.Default)]
    [InlineData(XdpAttachMode.Driver)]
    public void An_xdp_link_counts_every_udp_datagram_through_a_veth_pair_until_disposed(XdpAttachMode mode)
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port);

        var link = pair.AttachXdp(program, mode);
        string linkState = pair.NamespaceB.Run(() => Tools.RunChecked("ip", "link", "show", "dev", pair.InterfaceB));
        int delivered = pair.SendUdp(25, Port);
        ulong counted = counter.ReadCounter();
        link.Dispose();
        int deliveredAfterDispose = pair.SendUdp(10, Port);

        // veth has native XDP: ip shows "xdp" for driver mode (also chosen by default) and "xdpgeneric" for generic mode.
        Assert.Contains(mode == XdpAttachMode.Generic ? "xdpgeneric" : "xdp ", linkState);
        Assert.Equal(BpfLinkKind.Xdp, link.Kind);
        Assert.Equal(25, delivered);
        Assert.Equal(25UL, counted);
        Assert.Equal(10, deliveredAfterDispose);
        Assert.Equal(25UL, counter.ReadCounter());
        Assert.True(link.IsDisposed);
    }

    [KernelFact]
    public void An_xdp_program_loaded_without_the_xdp_expected_attach_type_attaches_too()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port, expectedAttachType: false);

        using var link = pair.AttachXdp(program, XdpAttachMode.Generic);
        pair.SendUdp(2, Port);

        Assert.Equal(2UL, counter.ReadCounter());
    }

    [KernelFact]
    public void Disposing_a_link_twice_is_harmless()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port);
        var link = pair.AttachXdp(program, XdpAttachMode.Generic);

        link.Dispose();
        link.Dispose();

        Assert.Throws<ObjectDisposedException>(link.Detach);
    }

    [KernelFact]
    public void Detach_stops_the_program_while_the_link_stays_open()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port);
        using var link = pair.AttachXdp(program, XdpAttachMode.Generic);
        pair.SendUdp(5, Port);

        link.Detach();
        pair.SendUdp(5, Port);

        Assert.Equal(5UL, counter.ReadCounter());
        Assert.False(link.IsDisposed);
    }

    [KernelFact]
    public void The_link_keeps_the_program_attached_after_the_program_object_is_disposed()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        var program = CounterPrograms.UdpPortCounter(counter, Port);
        using var link = pair.AttachXdp(program, XdpAttachMode.Generic);

        program.Dispose();
        pair.SendUdp(3, Port);

        Assert.Equal(3UL, counter.ReadCounter());
    }

    [KernelFact]
    public void A_second_program_on_the_same_interface_is_a_conflict()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var first = CounterPrograms.UdpPortCounter(counter, Port);
        using var second = CounterPrograms.UdpPortCounter(counter, Port);
        using var link = pair.AttachXdp(first, XdpAttachMode.Generic);

        var exception = Assert.Throws<BpfConflictException>(() => pair.AttachXdp(second, XdpAttachMode.Generic));

        Assert.Contains("already has an XDP program", exception.Message);
        Assert.Contains("veth-b", exception.Message);
    }

    [KernelFact]
    public void An_interface_name_is_resolved_in_the_calling_threads_namespace()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port);

        // veth-b exists only inside namespace B; this thread is in the test process's own namespace.
        var exception = Assert.Throws<BpfNotFoundException>(() => program.AttachXdp("veth-b"));

        Assert.Contains("'veth-b'", exception.Message);
        Assert.Contains("network namespace", exception.Message);
    }

    [KernelFact]
    public void An_unknown_interface_is_not_found_and_named()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port);

        var exception = Assert.Throws<BpfNotFoundException>(() => program.AttachXdp("no-such-if0"));

        Assert.Contains("no-such-if0", exception.Message);
    }

    [KernelFact]
    public void An_unknown_interface_index_is_not_found()
    {
        using var namespaceWithOnlyLoopback = NetworkNamespace.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port);

        var exception = namespaceWithOnlyLoopback.Run(() => Assert.Throws<BpfNotFoundException>(() => program.AttachXdp(4242)));

        Assert.Contains("4242", exception.Message);
    }

    [KernelFact]
    public void Attaching_a_tracepoint_program_to_xdp_says_which_type_is_needed()
    {
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.EveryRun(counter, BpfProgramType.Tracepoint);

        var exception = Assert.Throws<InvalidOperationException>(() => program.AttachXdp("lo"));

        Assert.Contains("needs a program of type Xdp", exception.Message);
        Assert.Contains("Tracepoint", exception.Message);
    }

    [KernelFact]
    public void A_pinned_xdp_link_stays_attached_after_dispose_until_its_pin_is_deleted()
    {
        using var pair = VethPair.Create();
        using var counter = CounterPrograms.CreateCounter();
        using var program = CounterPrograms.UdpPortCounter(counter, Port);
        using var bpffs = new TemporaryBpfFileSystem();
        string pin = bpffs.PathOf("xdp_link");

        using (var link = pair.AttachXdp(program, XdpAttachMode.Generic))
            link.Pin(pin);
        pair.SendUdp(4, Port);
        ulong countedWhilePinned = counter.ReadCounter();
        File.Delete(pin);
        WaitUntilNotCounting(pair, counter);
        ulong countedAfterUnpin = counter.ReadCounter();
        pair.SendUdp(4, Port);

        Assert.Equal(4UL, countedWhilePinned);
        Assert.Equal(countedAfterUnpin, counter.ReadCounter());
    }

    // Deleting the last pin releases the link from a kernel work item (kernel: kernel/bpf/syscall.c,
    // bpf_link_put schedules bpf_link_put_deferred), so the detach lands shortly after unlink returns.
    private static void WaitUntilNotCounting(VethPair pair, BpfMap counter)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            ulong before = counter.ReadCounter();
            pair.SendUdp(1, Port);
            if (counter.ReadCounter() == before)
                return;
        }
        Assert.Fail("The XDP program still counted packets 5 s after its only pin was deleted.");
    }
}
