#include "common.h"

#define BURST 4
#define REFILL_NS 1000000000ULL

struct token_bucket {
	__u64 last_refill;
	__u32 tokens;
	__u32 dropped;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);	/* source address, host order */
	__type(value, struct token_bucket);
} buckets SEC(".maps");

SEC("xdp")
int rate_limiter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct token_bucket *bucket;
	__u32 source;
	__u64 now;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	source = bpf_ntohl(ip->saddr);
	now = bpf_ktime_get_ns();
	bucket = bpf_map_lookup_elem(&buckets, &source);
	if (!bucket) {
		struct token_bucket fresh = { .last_refill = now, .tokens = BURST - 1 };

		bpf_map_update_elem(&buckets, &source, &fresh, BPF_ANY);
		return XDP_PASS;
	}
	if (now - bucket->last_refill >= REFILL_NS) {
		bucket->last_refill = now;
		bucket->tokens = BURST;
	}
	if (bucket->tokens == 0) {
		bucket->dropped++;
		return XDP_DROP;
	}
	bucket->tokens--;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
