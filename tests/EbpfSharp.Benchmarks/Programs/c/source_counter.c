#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);	/* source address, host order */
	__type(value, struct packet_count);
} sources SEC(".maps");

SEC("xdp")
int source_counter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct packet_count *count;
	__u32 source;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	source = bpf_ntohl(ip->saddr);
	count = bpf_map_lookup_elem(&sources, &source);
	if (!count) {
		struct packet_count first = { .packets = 1, .bytes = data_end - data };

		bpf_map_update_elem(&sources, &source, &first, BPF_NOEXIST);
		return XDP_PASS;
	}
	__sync_fetch_and_add(&count->packets, 1);
	__sync_fetch_and_add(&count->bytes, data_end - data);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
