namespace EbpfSharp.Tests;

public unsafe class XdpContextTests
{
    private static byte[] Frame(int length)
    {
        var packet = new byte[length];
        for (int i = 0; i < length; i++)
            packet[i] = (byte)(i + 1);
        return packet;
    }

    [Fact]
    public void ForPacket_copies_the_packet_and_ToArray_returns_it()
    {
        var packet = Frame(60);
        var ctx = XdpContext.ForPacket(packet);
        packet[0] = 0xff;

        Assert.Equal(Frame(60), ctx.ToArray());
        Assert.Equal(60, ctx.Length);
        Assert.Equal(60, (int)(ctx.DataEnd - ctx.Data));
    }

    [Fact]
    public void ForPacket_receives_on_the_loopback_device_queue_0_by_default()
    {
        var ctx = XdpContext.ForPacket(Frame(14));

        Assert.Equal(1u, ctx.IngressIfindex);
        Assert.Equal(0u, ctx.RxQueueIndex);
    }

    [Fact]
    public void ForPacket_takes_the_device_and_queue_given()
    {
        var ctx = XdpContext.ForPacket(Frame(14), ingressIfindex: 7, rxQueueIndex: 3);

        Assert.Equal(7u, ctx.IngressIfindex);
        Assert.Equal(3u, ctx.RxQueueIndex);
    }

    [Fact]
    public void The_packet_starts_256_bytes_into_a_zeroed_frame_with_no_metadata()
    {
        var ctx = XdpContext.ForPacket(Frame(20));

        Assert.True(ctx.DataMeta == ctx.Data);
        Assert.Equal(0, ctx.MetadataLength);
        Assert.Equal(256 - 40, ctx.Headroom);
        Assert.Equal(4096 - 320 - 256 - 20, ctx.Tailroom);
        for (int i = 1; i <= 216; i++)
            Assert.Equal(0, ctx.Data[-i]);
        Assert.Equal(0, ctx.DataEnd[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(3521)]
    public void ForPacket_refuses_what_the_kernel_test_run_refuses_or_splits(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => XdpContext.ForPacket(new byte[length]));
        Assert.Contains($"{length} bytes", error.Message);
    }

    [Fact]
    public void ForPacket_takes_the_largest_single_buffer_packet()
    {
        var ctx = XdpContext.ForPacket(new byte[3520]);

        Assert.Equal(3520, ctx.Length);
        Assert.Equal(0, ctx.Tailroom);
    }

    [Fact]
    public void TryGet_points_into_the_packet_when_the_whole_value_fits()
    {
        var ctx = XdpContext.ForPacket(Frame(20));

        Assert.True(ctx.TryGet(16, out uint* value));
        Assert.True(value == (uint*)(ctx.Data + 16));
        Assert.Equal(0x14131211u, *value);
    }

    [Fact]
    public void TryGet_fails_with_null_when_the_value_would_pass_the_end()
    {
        var ctx = XdpContext.ForPacket(Frame(20));

        Assert.False(ctx.TryGet(17, out uint* value));
        Assert.True(value == null);
    }

    [Fact]
    public void Writes_through_the_packet_pointers_show_in_ToArray()
    {
        var ctx = XdpContext.ForPacket(Frame(14));
        ctx.Data[0] = 0xaa;
        ctx.DataEnd[-1] = 0xbb;

        var bytes = ctx.ToArray();
        Assert.Equal(0xaa, bytes[0]);
        Assert.Equal(0xbb, bytes[13]);
    }

    [Fact]
    public void ToArrayWithMetadata_starts_at_the_metadata_as_the_test_run_output_does()
    {
        var ctx = XdpContext.ForPacket(Frame(14));
        Assert.Equal(0, Bpf.XdpAdjustMeta(ctx, -4));
        ctx.DataMeta[0] = 9;

        var output = ctx.ToArrayWithMetadata();
        Assert.Equal(18, output.Length);
        Assert.Equal(new byte[] { 9, 0, 0, 0 }, output[..4]);
        Assert.Equal(Frame(14), output[4..]);
        Assert.Equal(Frame(14), ctx.ToArray());
    }
}
