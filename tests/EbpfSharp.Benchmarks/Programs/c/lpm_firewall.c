#include "common.h"

struct ipv4_prefix {
	__u32 prefixlen;
	__u32 addr;	/* network order */
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 1024);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct ipv4_prefix);
	__type(value, struct packet_count);
} rules SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 5);
	__type(key, __u32);
	__type(value, struct packet_count);
} verdicts SEC(".maps");

static __always_inline int blocked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct ipv4_prefix key;
	struct packet_count *rule;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return 0;
	if ((void *)(ip + 1) > data_end)
		return 0;
	key.prefixlen = 32;
	key.addr = ip->saddr;
	rule = bpf_map_lookup_elem(&rules, &key);
	if (!rule)
		return 0;
	__sync_fetch_and_add(&rule->packets, 1);
	__sync_fetch_and_add(&rule->bytes, data_end - data);
	return 1;
}

SEC("xdp")
int lpm_firewall(struct xdp_md *ctx)
{
	__u32 verdict = blocked(ctx) ? XDP_DROP : XDP_PASS;
	struct packet_count *total = bpf_map_lookup_elem(&verdicts, &verdict);

	if (total) {
		total->packets++;
		total->bytes += ctx->data_end - ctx->data;
	}
	return verdict;
}

char LICENSE[] SEC("license") = "GPL";
