#include "common.h"
#include <linux/in.h>
#include <linux/ipv6.h>

SEC("xdp")
int ipv6_next_header(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ipv6hdr *ip6 = data + sizeof(*eth);

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IPV6))
		return XDP_PASS;
	if ((void *)(ip6 + 1) > data_end)
		return XDP_DROP;
	switch (ip6->nexthdr) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_ICMPV6:
		return XDP_PASS;
	default:
		return XDP_DROP;
	}
}

char LICENSE[] SEC("license") = "GPL";
