#include "common.h"
#include <linux/in.h>
#include <linux/udp.h>

struct packet_summary {
	__u32 length;
	__u32 saddr;	/* host order */
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 protocol;
	__u8 ttl;
	__u16 tot_len;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} summaries SEC(".maps");

SEC("xdp")
int ring_summary(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct packet_summary *summary;
	struct udphdr *ports;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	summary = bpf_ringbuf_reserve(&summaries, sizeof(*summary), 0);
	if (!summary)
		return XDP_PASS;
	summary->length = data_end - data;
	summary->saddr = bpf_ntohl(ip->saddr);
	summary->daddr = bpf_ntohl(ip->daddr);
	summary->protocol = ip->protocol;
	summary->ttl = ip->ttl;
	summary->tot_len = bpf_ntohs(ip->tot_len);
	summary->sport = 0;
	summary->dport = 0;
	ports = (void *)ip + ip->ihl * 4;
	if ((ip->protocol == IPPROTO_TCP || ip->protocol == IPPROTO_UDP) && (void *)(ports + 1) <= data_end) {
		summary->sport = bpf_ntohs(ports->source);
		summary->dport = bpf_ntohs(ports->dest);
	}
	bpf_ringbuf_submit(summary, 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
