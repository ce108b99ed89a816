namespace EbpfSharp.Analyzers.Tests.Flow;

public class PacketBoundsTests
{
    private const string Id = "EBPF0015";

    // ---- reported ----

    [Fact]
    public void Data_dereferenced_without_any_check_reports_EBPF0015_at_the_access()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            return data[0] == 1 ? XdpAction.Drop : XdpAction.Pass;
            """), "data[0]");
        Assert.Contains("invalid access to packet", diagnostic.GetMessage());
    }

    [Fact]
    public void Pointer_indirection_of_ctx_Data_without_a_check_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            return *ctx.Data == 1 ? XdpAction.Drop : XdpAction.Pass;
            """), "*ctx.Data");
    }

    [Fact]
    public void Ipv4_header_read_after_a_check_of_only_the_Ethernet_header_reports_EBPF0015()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            if (data + 14 > ctx.DataEnd)
                return XdpAction.Pass;
            IPv4Header* ip = (IPv4Header*)(data + 14);
            return ip->Protocol == 6 ? XdpAction.Drop : XdpAction.Pass;
            """), "ip->Protocol");
        Assert.Contains("up to byte 24", diagnostic.GetMessage());
        Assert.Contains("only 14 bytes", diagnostic.GetMessage());
    }

    [Fact]
    public void Typed_pointer_check_covers_one_struct_and_an_access_past_it_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            byte* end = ctx.DataEnd;
            if ((EthernetHeader*)data + 1 > end)
                return XdpAction.Pass;
            return data[20] == 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "data[20]");
    }

    [Fact]
    public void Fixed_buffer_element_past_the_checked_bytes_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            if (data + 6 > ctx.DataEnd)
                return XdpAction.Pass;
            EthernetHeader* eth = (EthernetHeader*)data;
            return eth->Destination[5] == eth->Source[0] ? XdpAction.Drop : XdpAction.Pass;
            """), "eth->Source[0]");
    }

    [Fact]
    public void Out_pointer_used_where_TryGet_returned_false_reports_EBPF0015()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            if (!ctx.TryGet(0, out EthernetHeader* eth))
                Misses++;
            return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
            """), "eth->EtherType");
        Assert.Contains("returned false", diagnostic.GetMessage());
    }

    [Fact]
    public void Out_pointer_used_after_an_if_that_only_covered_the_success_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            if (ctx.TryGet(0, out EthernetHeader* eth))
                Misses += eth->EtherType;
            eth->EtherType = 0;
            return XdpAction.Pass;
            """), "eth->EtherType");
    }

    [Fact]
    public void TryGet_whose_result_is_ignored_reports_EBPF0015_at_the_use()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            ctx.TryGet(0, out EthernetHeader* eth);
            return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
            """), "eth->EtherType");
        Assert.Contains("not checked", diagnostic.GetMessage());
    }

    [Fact]
    public void TryGet_result_discarded_with_an_underscore_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            _ = ctx.TryGet(14, out IPv4Header* ip);
            return ip->Ttl == 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "ip->Ttl");
    }

    [Fact]
    public void Packet_pointer_used_after_XdpAdjustHead_reports_EBPF0015()
    {
        var diagnostic = FlowSource.Single(Id, FlowSource.Xdp("""
            if (!ctx.TryGet(0, out EthernetHeader* eth))
                return XdpAction.Pass;
            if (Bpf.XdpAdjustHead(ctx, 4) != 0)
                return XdpAction.Aborted;
            eth->EtherType = 0;
            return XdpAction.Tx;
            """), "eth->EtherType");
        Assert.Contains("Bpf.XdpAdjustHead(ctx, 4)", diagnostic.GetMessage());
    }

    [Fact]
    public void Data_read_after_XdpAdjustTail_without_a_new_check_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            if (data + 14 > ctx.DataEnd)
                return XdpAction.Pass;
            Bpf.XdpAdjustTail(ctx, -4);
            byte* again = ctx.Data;
            return again[0] == 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "again[0]");
    }

    [Fact]
    public void A_check_of_ctx_Length_does_not_count_and_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            if (ctx.Length < 14)
                return XdpAction.Pass;
            byte* data = ctx.Data;
            return data[13] == 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "data[13]");
    }

    [Fact]
    public void Variable_index_into_unchecked_data_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            int i = (int)(ctx.IngressIfindex & 7);
            return data[i] == 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "data[i]");
    }

    [Fact]
    public void Write_through_an_unchecked_struct_pointer_reports_EBPF0015()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            EthernetHeader* eth = (EthernetHeader*)ctx.Data;
            *eth = default;
            return XdpAction.Tx;
            """), "*eth");
    }

    [Fact]
    public void Check_on_one_branch_only_still_reports_when_no_path_checks_enough()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            if (ctx.IngressIfindex == 1)
            {
                if (data + 14 > ctx.DataEnd)
                    return XdpAction.Pass;
            }
            else if (data + 10 > ctx.DataEnd)
                return XdpAction.Pass;
            return data[16] == 0 ? XdpAction.Drop : XdpAction.Pass;
            """), "data[16]");
    }

    [Fact]
    public void Access_in_a_method_the_program_calls_is_judged_on_its_own_TryGet()
    {
        FlowSource.Single(Id, FlowSource.Xdp("""
            return Classify(ctx);
            """, """
            static XdpAction Classify(XdpContext ctx)
            {
                ctx.TryGet(0, out EthernetHeader* eth);
                return eth->EtherType == EtherType.IPv6 ? XdpAction.Drop : XdpAction.Pass;
            }
            """), "eth->EtherType");
    }

    // ---- quiet ----

    [Theory]
    [InlineData("""
        if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.IPv4)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader), out IPv4Header* ip) || ip->Protocol != IPProtocol.Udp)
            return XdpAction.Pass;
        if (!ctx.TryGet(sizeof(EthernetHeader) + ip->HeaderLength, out UdpHeader* udp))
            return XdpAction.Drop;
        return udp->DestinationPort == 53 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        if (ctx.TryGet(0, out EthernetHeader* eth))
            return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        if (ctx.Length < 60 || !ctx.TryGet(14, out IPv4Header* ip))
            return XdpAction.Pass;
        return ip->Ttl == 0 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        return ctx.TryGet(0, out EthernetHeader* eth) && eth->EtherType == EtherType.IPv4 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        return ctx.TryGet(34, out TcpHeader* _) ? XdpAction.Pass : XdpAction.Drop;
        """)]
    [InlineData("""
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 34 > end)
            return XdpAction.Pass;
        IPv4Header* ip = (IPv4Header*)(data + 14);
        return ip->Protocol == 6 && data[33] == 1 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if ((IPv4Header*)(data + 14) + 1 > end)
            return XdpAction.Pass;
        IPv4Header* ip = (IPv4Header*)(data + sizeof(EthernetHeader));
        return ip->DestinationAddress == 0 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        byte* data = ctx.Data;
        if (data + 14 <= ctx.DataEnd)
            return data[13] == 0 ? XdpAction.Drop : XdpAction.Pass;
        return XdpAction.Pass;
        """)]
    [InlineData("""
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (end < data + 14)
            return XdpAction.Pass;
        data[12] = 0x86;
        return XdpAction.Tx;
        """)]
    [InlineData("""
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 13 >= end)
            return XdpAction.Pass;
        return data[13] == 0 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    [InlineData("""
        byte* data = ctx.Data;
        byte* end = ctx.DataEnd;
        if (data + 14 > end)
            return XdpAction.Pass;
        data += 10;
        data++;
        return data[2] == 0 ? XdpAction.Drop : XdpAction.Pass;
        """)]
    public void Checked_accesses_are_quiet(string body) => FlowSource.None(Id, FlowSource.Xdp(body));

    [Fact]
    public void Rechecking_after_XdpAdjustHead_is_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            if (!ctx.TryGet(0, out EthernetHeader* eth) || eth->EtherType != EtherType.Vlan)
                return XdpAction.Pass;
            ushort inner = eth->EtherType;
            if (Bpf.XdpAdjustHead(ctx, 4) != 0)
                return XdpAction.Aborted;
            if (!ctx.TryGet(0, out EthernetHeader* moved))
                return XdpAction.Aborted;
            moved->EtherType = inner;
            byte* data = ctx.Data;
            if (data + 14 > ctx.DataEnd)
                return XdpAction.Aborted;
            data[0] = 1;
            return XdpAction.Tx;
            """));
    }

    [Fact]
    public void A_check_inside_a_loop_with_a_variable_offset_is_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            byte* end = ctx.DataEnd;
            uint sum = 0;
            for (int i = 0; i < 64; i++)
            {
                if (data + i + 1 > end)
                    break;
                sum += data[i];
            }
            return sum == 0 ? XdpAction.Drop : XdpAction.Pass;
            """));
    }

    [Fact]
    public void A_pointer_walking_the_packet_in_a_loop_is_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            byte* p = ctx.Data + 14;
            byte* end = ctx.DataEnd;
            int zeros = 0;
            while (zeros < 32 && p + 1 <= end && *p == 0)
            {
                zeros++;
                p++;
            }
            return zeros > 4 ? XdpAction.Drop : XdpAction.Pass;
            """));
    }

    [Fact]
    public void Checks_kept_in_bools_are_not_followed_and_stay_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            bool longEnough = data + 14 <= ctx.DataEnd;
            if (!longEnough)
                return XdpAction.Pass;
            bool both = ctx.TryGet(0, out EthernetHeader* eth) && ctx.TryGet(14, out IPv4Header* ip);
            if (!both)
                return XdpAction.Pass;
            bool one = ctx.TryGet(0, out EthernetHeader* again);
            if (!one)
                return XdpAction.Pass;
            return data[0] == 0 && again->EtherType == 0 ? XdpAction.Drop : XdpAction.Pass;
            """));
    }

    [Fact]
    public void A_null_check_of_the_TryGet_pointer_counts_as_the_check()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            ctx.TryGet(0, out EthernetHeader* eth);
            if (eth == null)
                return XdpAction.Pass;
            return eth->EtherType == EtherType.IPv4 ? XdpAction.Pass : XdpAction.Drop;
            """));
    }

    [Fact]
    public void A_check_in_a_method_that_receives_the_context_is_trusted()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            if (!HasEthernet(ctx))
                return XdpAction.Pass;
            byte* data = ctx.Data;
            return data[12] == 0x08 ? XdpAction.Pass : XdpAction.Drop;
            """, """
            static bool HasEthernet(XdpContext ctx) => ctx.Data + 14 <= ctx.DataEnd;
            """));
    }

    [Fact]
    public void Packet_pointers_passed_to_methods_or_stored_are_not_judged()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            Holder holder;
            holder.Pointer = data;
            return First(data) == 0 || *holder.Pointer == 0 ? XdpAction.Drop : XdpAction.Pass;
            """, """
            struct Holder { public byte* Pointer; }
            static byte First(byte* data) => 0;
            """));
    }

    [Fact]
    public void Correlated_branches_stay_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            byte* data = ctx.Data;
            bool ipv6 = ctx.IngressIfindex == 6;
            if (ipv6)
            {
                if (data + 54 > ctx.DataEnd)
                    return XdpAction.Pass;
            }
            else if (data + 34 > ctx.DataEnd)
                return XdpAction.Pass;
            if (ipv6)
                return data[53] == 0 ? XdpAction.Drop : XdpAction.Pass;
            return data[33] == 0 ? XdpAction.Drop : XdpAction.Pass;
            """));
    }

    [Fact]
    public void Switch_cases_with_their_own_TryGet_are_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            if (!ctx.TryGet(14, out IPv6Header* ip6))
                return XdpAction.Drop;
            int l4 = sizeof(EthernetHeader) + sizeof(IPv6Header);
            switch (ip6->NextHeader)
            {
                case IPProtocol.Icmpv6:
                    if (!ctx.TryGet(l4, out Icmpv6Header* icmp))
                        return XdpAction.Drop;
                    return icmp->Type == 128 ? XdpAction.Tx : XdpAction.Pass;
                case IPProtocol.Udp:
                    if (!ctx.TryGet(l4, out UdpHeader* udp))
                        return XdpAction.Drop;
                    return udp->Length < 8 ? XdpAction.Drop : XdpAction.Pass;
                default:
                    return XdpAction.Pass;
            }
            """));
    }

    [Fact]
    public void Metadata_area_checked_against_Data_is_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            if (Bpf.XdpAdjustMeta(ctx, -8) != 0)
                return XdpAction.Aborted;
            byte* meta = ctx.DataMeta;
            byte* data = ctx.Data;
            if (meta + 8 > data)
                return XdpAction.Aborted;
            meta[0] = 1;
            *(uint*)(meta + 4) = ctx.IngressIfindex;
            return XdpAction.Pass;
            """));
    }

    [Fact]
    public void Unchecked_access_in_host_code_is_not_analyzed()
    {
        FlowSource.None(Id, FlowSource.Xdp("return XdpAction.Pass;", """
            public static byte Host(XdpContext ctx) => ctx.Data[100];
            """));
    }

    [Fact]
    public void Methods_called_by_a_program_trust_the_callers_checks_on_Data()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            if (ctx.Data + 14 > ctx.DataEnd)
                return XdpAction.Pass;
            return EtherTypeHigh(ctx) == 0x08 ? XdpAction.Pass : XdpAction.Drop;
            """, """
            static byte EtherTypeHigh(XdpContext ctx) => ctx.Data[12];
            """));
    }

    [Fact]
    public void Variable_offset_TryGet_result_within_its_struct_is_quiet()
    {
        FlowSource.None(Id, FlowSource.Xdp("""
            if (!ctx.TryGet(14, out IPv4Header* ip) || ip->HeaderLength < 20)
                return XdpAction.Pass;
            if (!ctx.TryGet(14 + ip->HeaderLength, out TcpHeader* tcp))
                return XdpAction.Drop;
            return tcp->IsSyn && tcp->DestinationPort == 22 ? XdpAction.Drop : XdpAction.Pass;
            """));
    }
}
