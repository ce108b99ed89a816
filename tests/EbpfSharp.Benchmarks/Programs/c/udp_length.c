#include "common.h"
#include <linux/in.h>
#include <linux/udp.h>

SEC("xdp")
int udp_length(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct udphdr *udp;
	int ihl, total_length, udp_length;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_DROP;
	if (ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	ihl = ip->ihl * 4;
	if (ihl < sizeof(*ip))
		return XDP_DROP;
	udp = (void *)ip + ihl;
	if ((void *)(udp + 1) > data_end)
		return XDP_DROP;
	total_length = bpf_ntohs(ip->tot_len);
	udp_length = bpf_ntohs(udp->len);
	if (udp_length < sizeof(*udp) || udp_length != total_length - ihl)
		return XDP_DROP;
	if (sizeof(*eth) + total_length > data_end - data)
		return XDP_DROP;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
