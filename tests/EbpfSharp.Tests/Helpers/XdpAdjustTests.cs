namespace EbpfSharp.Tests.Helpers;

public unsafe class XdpAdjustTests
{
    private const int EINVAL = -22;
    private const int EACCES = -13;

    private static XdpContext Context(int length = 64)
    {
        var packet = new byte[length];
        for (int i = 0; i < length; i++)
            packet[i] = (byte)(i + 1);
        return XdpContext.ForPacket(packet);
    }

    [Fact]
    public void AdjustHead_pushes_zeroed_headroom_in_front_up_to_216_bytes()
    {
        var ctx = Context();

        Assert.Equal(0, Bpf.XdpAdjustHead(ctx, -216));
        Assert.Equal(64 + 216, ctx.Length);
        Assert.All(ctx.ToArray()[..216], b => Assert.Equal(0, b));
        Assert.Equal(1, ctx.ToArray()[216]);
    }

    [Fact]
    public void AdjustHead_refuses_to_reach_into_the_xdp_frame_area()
    {
        var ctx = Context();

        Assert.Equal(EINVAL, Bpf.XdpAdjustHead(ctx, -217));
        Assert.Equal(64, ctx.Length);
    }

    [Fact]
    public void AdjustHead_pops_down_to_an_Ethernet_header_but_no_further()
    {
        var ctx = Context();

        Assert.Equal(EINVAL, Bpf.XdpAdjustHead(ctx, 51));
        Assert.Equal(0, Bpf.XdpAdjustHead(ctx, 50));
        Assert.Equal(14, ctx.Length);
        Assert.Equal(51, ctx.ToArray()[0]);
    }

    [Fact]
    public void AdjustHead_moves_the_metadata_with_the_packet_start()
    {
        var ctx = Context();
        Assert.Equal(0, Bpf.XdpAdjustMeta(ctx, -8));
        for (int i = 0; i < 8; i++)
            ctx.DataMeta[i] = (byte)(0xa0 + i);

        Assert.Equal(EINVAL, Bpf.XdpAdjustHead(ctx, -209));
        Assert.Equal(0, Bpf.XdpAdjustHead(ctx, -208));

        Assert.Equal(8, ctx.MetadataLength);
        Assert.Equal(0, ctx.Headroom);
        Assert.Equal(new byte[] { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7 }, ctx.ToArrayWithMetadata()[..8]);
    }

    [Fact]
    public void AdjustHead_rejects_extreme_deltas_without_overflowing()
    {
        var ctx = Context();

        Assert.Equal(EINVAL, Bpf.XdpAdjustHead(ctx, int.MinValue));
        Assert.Equal(EINVAL, Bpf.XdpAdjustHead(ctx, int.MaxValue));
    }

    [Fact]
    public void AdjustTail_grows_into_zeroed_tailroom_up_to_the_shared_info_reserve()
    {
        var ctx = Context();
        int room = 3520 - 64;

        Assert.Equal(EINVAL, Bpf.XdpAdjustTail(ctx, room + 1));
        Assert.Equal(0, Bpf.XdpAdjustTail(ctx, room));
        Assert.Equal(3520, ctx.Length);
        Assert.All(ctx.ToArray()[64..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void AdjustTail_zeroes_bytes_it_grows_back_over()
    {
        var ctx = Context();

        Assert.Equal(0, Bpf.XdpAdjustTail(ctx, -10));
        Assert.Equal(0, Bpf.XdpAdjustTail(ctx, 10));

        Assert.Equal(new byte[10], ctx.ToArray()[54..]);
    }

    [Fact]
    public void AdjustTail_trims_down_to_an_Ethernet_header_but_no_further()
    {
        var ctx = Context();

        Assert.Equal(EINVAL, Bpf.XdpAdjustTail(ctx, -51));
        Assert.Equal(0, Bpf.XdpAdjustTail(ctx, -50));
        Assert.Equal(14, ctx.Length);
    }

    [Fact]
    public void AdjustMeta_grows_metadata_in_4_byte_steps()
    {
        var ctx = Context();

        Assert.Equal(EACCES, Bpf.XdpAdjustMeta(ctx, -2));
        Assert.Equal(0, Bpf.XdpAdjustMeta(ctx, -4));
        Assert.Equal(4, ctx.MetadataLength);
        Assert.Equal(0, Bpf.XdpAdjustMeta(ctx, 4));
        Assert.Equal(0, ctx.MetadataLength);
    }

    [Fact]
    public void AdjustMeta_cannot_start_after_the_packet()
    {
        var ctx = Context();

        Assert.Equal(EINVAL, Bpf.XdpAdjustMeta(ctx, 4));
    }

    [Fact]
    public void AdjustMeta_stops_at_the_xdp_frame_area()
    {
        var ctx = Context();

        Assert.Equal(EINVAL, Bpf.XdpAdjustMeta(ctx, -220));
        Assert.Equal(0, Bpf.XdpAdjustMeta(ctx, -216));
        Assert.Equal(216, ctx.MetadataLength);
    }

    [Fact]
    public void AdjustMeta_keeps_metadata_within_255_bytes()
    {
        var ctx = Context(300);
        Assert.Equal(0, Bpf.XdpAdjustHead(ctx, 100));

        Assert.Equal(EACCES, Bpf.XdpAdjustMeta(ctx, -256));
        Assert.Equal(0, Bpf.XdpAdjustMeta(ctx, -252));
        Assert.Equal(252, ctx.MetadataLength);
    }

    [Fact]
    public void Redirect_chooses_redirect_and_any_flag_aborts()
    {
        Assert.Equal(XdpAction.Redirect, Bpf.Redirect(2, 0));
        Assert.Equal(XdpAction.Aborted, Bpf.Redirect(2, 1));
        Assert.Equal(XdpAction.Aborted, Bpf.Redirect(2, 1UL << 63));
    }
}
