#include "common.h"
#include <linux/ipv6.h>

#define MAX_VLAN_TAGS 2
#define HIGHEST_ALLOWED_VLAN 1000

struct vlan_hdr {
	__be16 tci;
	__be16 encapsulated_proto;
};

static __always_inline int is_vlan(__be16 proto)
{
	return proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD);
}

SEC("xdp")
int vlan_parser(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	void *cursor = eth + 1;
	__u16 vlan_id = 0;
	__be16 proto;

	if (cursor > data_end)
		return XDP_DROP;
	proto = eth->h_proto;
#pragma unroll
	for (int i = 0; i < MAX_VLAN_TAGS; i++) {
		struct vlan_hdr *vlan = cursor;

		if (!is_vlan(proto))
			break;
		if ((void *)(vlan + 1) > data_end)
			return XDP_DROP;
		vlan_id = bpf_ntohs(vlan->tci) & 0x0fff;
		proto = vlan->encapsulated_proto;
		cursor = vlan + 1;
	}
	if (vlan_id > HIGHEST_ALLOWED_VLAN)
		return XDP_DROP;
	if (proto == bpf_htons(ETH_P_IP))
		return cursor + sizeof(struct iphdr) <= data_end ? XDP_PASS : XDP_DROP;
	if (proto == bpf_htons(ETH_P_IPV6))
		return cursor + sizeof(struct ipv6hdr) <= data_end ? XDP_PASS : XDP_DROP;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
