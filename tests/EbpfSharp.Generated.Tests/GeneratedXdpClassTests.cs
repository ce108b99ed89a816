using EbpfSharp.Generated.Tests.Programs;
using EbpfSharp.Runtime;
using EbpfSharp.Runtime.Networking;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Generated.Tests;

/// <summary>An XDP program class driven only through the class the generator wrote for it.</summary>
public class GeneratedXdpClassTests
{
    private const byte Udp = 17;
    private const byte Tcp = 6;

    [KernelFact]
    public void Load_verifies_the_program_and_its_maps_and_globals_read_back_typed()
    {
        using PacketFilter.Loaded filter = PacketFilter.Load();
        byte[] udp = Frame(Udp, source: 0x0A000001);

        for (int i = 0; i < 3; i++)
            Assert.Equal(XdpAction.Pass, filter.Filter.TestRun(udp).Action);
        filter.Filter.TestRun(Frame(Tcp, source: 0x0A000002));

        Assert.Equal(3ul, filter.ByProtocol[Udp].Packets);
        Assert.Equal(3ul * (ulong)udp.Length, filter.ByProtocol[Udp].Bytes);
        Assert.Equal(1ul, filter.ByProtocol[Tcp].Packets);
        Assert.Equal(3ul, filter.BySource[0x0A000001]);
        Assert.Equal(new Dictionary<uint, ulong> { [0x0A000001] = 3, [0x0A000002] = 1 }, filter.BySource.GetAll());
        Assert.Equal(4ul, filter.Seen);
        Assert.Equal((ushort)5, filter.NextSequence);
        Assert.Equal((byte)0, filter.DroppedProtocol);
        Assert.Equal("Filter", filter.Filter.Name);
        Assert.True(filter.Filter.GetInfo().VerifiedInstructions > 0);
    }

    [KernelFact]
    public void Config_set_after_Open_and_before_Load_changes_what_the_program_does()
    {
        PacketFilter.Opened opened = PacketFilter.Open();
        Assert.Equal((byte)0, opened.Config.DroppedProtocol);
        opened.Config.DroppedProtocol = Udp;

        using var filter = opened.Load();

        Assert.Equal(XdpAction.Drop, filter.Filter.TestRun(Frame(Udp, source: 1)).Action);
        Assert.Equal(XdpAction.Pass, filter.Filter.TestRun(Frame(Tcp, source: 1)).Action);
        Assert.Equal(Udp, filter.DroppedProtocol);
    }

    [KernelFact]
    public void A_global_written_by_the_host_is_what_the_program_reads_next()
    {
        using var filter = PacketFilter.Load();
        filter.NextSequence = 1000;

        filter.Filter.TestRun(Frame(Udp, source: 1));

        Assert.True(filter.Records.TryRead(out PacketRecord record));
        Assert.Equal((ushort)1000, record.Sequence);
        Assert.Equal((ushort)1001, filter.NextSequence);
    }

    [KernelFact]
    public async Task Ring_buffer_records_arrive_in_order_through_ReadAllAsync()
    {
        using var filter = PacketFilter.Load();
        for (uint i = 0; i < 5; i++)
            filter.Filter.TestRun(Frame(Udp, source: 0x0A000000 + i));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var records = new List<PacketRecord>();
        await foreach (PacketRecord record in filter.Records.ReadAllAsync(timeout.Token))
        {
            records.Add(record);
            if (records.Count == 5)
                break;
        }

        Assert.Equal([1, 2, 3, 4, 5], records.Select(record => (int)record.Sequence));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => 0x0A000000u + (uint)i), records.Select(record => record.Source));
        Assert.All(records, record => Assert.Equal(Udp, record.Protocol));
    }

    [KernelFact]
    public async Task Perf_event_samples_arrive_through_ReadAllAsync_and_a_reader_is_made_once()
    {
        using var filter = PacketFilter.Load();
        for (int i = 0; i < 3; i++)
            filter.Filter.TestRun(Frame(Tcp, source: 7));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var samples = new List<PacketRecord>();
        await foreach (PacketRecord sample in filter.Samples.ReadAllAsync(timeout.Token))
        {
            samples.Add(sample);
            if (samples.Count == 3)
                break;
        }

        Assert.Equal([1, 2, 3], samples.Select(sample => (int)sample.Sequence));
        Assert.Same(filter.Samples, filter.Samples);
        Assert.Equal(0, filter.Samples.LostCount);
    }

    [KernelFact]
    public void Dispose_detaches_the_links_made_through_the_typed_program()
    {
        using var pair = VethPair.Create();
        var first = PacketFilter.Load();
        BpfLink link = pair.AttachXdp(first.Filter);
        Assert.Equal(2, pair.SendUdp(2, port: 7100));
        Assert.Equal(2ul, first.ByProtocol[Udp].Packets);

        first.Dispose();

        Assert.True(link.IsDisposed);
        // The interface is free again: an XDP link is exclusive, so this attach fails if the first one survived.
        using var second = PacketFilter.Load();
        using (pair.AttachXdp(second.Filter))
            Assert.Equal(1, pair.SendUdp(1, port: 7100));
        Assert.Equal(1ul, second.ByProtocol[Udp].Packets);
        Assert.Throws<ObjectDisposedException>(() => first.Filter.AttachXdp(pair.InterfaceIndexB));
    }

    [KernelFact]
    public void The_object_comes_from_the_assembly_not_from_the_file_beside_it()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "PacketFilter.bpf.o");
        Assert.True(File.Exists(beside), "the build also writes the object beside the assembly");
        string resource = EmbeddedObject.ResourceName(EmbeddedObject.ClassName(typeof(PacketFilter)));

        using var stream = typeof(PacketFilter).Assembly.GetManifestResourceStream(resource);

        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(File.ReadAllBytes(beside), copy.ToArray());
    }

    /// <summary>An Ethernet + IPv4 frame of <paramref name="protocol"/> from <paramref name="source"/> (host order).</summary>
    private static byte[] Frame(byte protocol, uint source)
    {
        byte[] frame = Packets.Ipv4(new Random(protocol), protocol);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(14 + 12), source);
        return frame;
    }
}
