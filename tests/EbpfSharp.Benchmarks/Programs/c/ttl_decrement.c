#include "common.h"

SEC("xdp")
int ttl_decrement(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	__u16 old;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->ttl <= 1)
		return XDP_DROP;
	/* TTL and protocol share one 16-bit word of the checksum. */
	old = *(__u16 *)&ip->ttl;
	ip->ttl--;
	csum_replace2(&ip->check, old, *(__u16 *)&ip->ttl);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
