#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct packet_count);
} stats SEC(".maps");

SEC("xdp")
int percpu_stats(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct packet_count *count;
	__u32 slot;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	switch (bpf_ntohs(eth->h_proto)) {
	case ETH_P_IP: slot = 0; break;
	case ETH_P_IPV6: slot = 1; break;
	case ETH_P_ARP: slot = 2; break;
	default: slot = 3; break;
	}
	count = bpf_map_lookup_elem(&stats, &slot);
	if (count) {
		count->packets++;
		count->bytes += data_end - data;
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
