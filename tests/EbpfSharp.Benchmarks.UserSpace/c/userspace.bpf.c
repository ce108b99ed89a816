// The object both sides load: the maps the map benchmarks use, a ring buffer producer for the throughput
// benchmark, and a few more programs and maps so that loading it is a realistic amount of work.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ENTRIES 1024

struct event {
    __u64 seq;
    __u64 value;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, ENTRIES);
    __type(key, __u32);
    __type(value, __u64);
} bench_hash SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, ENTRIES);
    __type(key, __u32);
    __type(value, __u64);
} bench_array SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 20);
} events SEC(".maps");

struct flow_key {
    __u32 saddr;
    __u32 daddr;
    __u8 protocol;
    __u8 pad[3];
};

struct flow_stats {
    __u64 packets;
    __u64 bytes;
};

struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, 4096);
    __type(key, struct flow_key);
    __type(value, struct flow_stats);
} flows SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 8);
    __type(key, __u32);
    __type(value, __u64);
} counters SEC(".maps");

__u64 sequence = 0;

// One record per run: BPF_PROG_TEST_RUN with repeat = N emits N records.
SEC("xdp")
int emit_event(struct xdp_md *ctx)
{
    struct event e;
    e.seq = __sync_fetch_and_add(&sequence, 1);
    e.value = ctx->data_end - ctx->data;
    bpf_ringbuf_output(&events, &e, sizeof(e), 0);
    return XDP_PASS;
}

#define RECORDS_PER_RUN 4096

static long emit_one(__u64 index, void *ctx)
{
    struct event e;
    e.seq = __sync_fetch_and_add(&sequence, 1);
    e.value = index;
    bpf_ringbuf_output(&events, &e, sizeof(e), 0);
    return 0;
}

// RECORDS_PER_RUN records per run, with bpf_loop: the producer costs little, so the consumer's rate shows.
SEC("xdp")
int emit_events(struct xdp_md *ctx)
{
    bpf_loop(RECORDS_PER_RUN, emit_one, NULL, 0);
    return XDP_PASS;
}

// Flow accounting, so the object carries a realistic parser as well.
SEC("xdp")
int flow_account(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_PASS;
    __u32 slot = 0;
    __u64 *total = bpf_map_lookup_elem(&counters, &slot);
    if (total)
        *total += 1;
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
        return XDP_PASS;
    struct flow_key key = {};
    key.saddr = ip->saddr;
    key.daddr = ip->daddr;
    key.protocol = ip->protocol;
    struct flow_stats *stats = bpf_map_lookup_elem(&flows, &key);
    if (stats) {
        __sync_fetch_and_add(&stats->packets, 1);
        __sync_fetch_and_add(&stats->bytes, (__u64)(data_end - data));
    } else {
        struct flow_stats fresh = { 1, (__u64)(data_end - data) };
        bpf_map_update_elem(&flows, &key, &fresh, BPF_NOEXIST);
    }
    if (ip->protocol == IPPROTO_ICMP) {
        slot = 1;
        __u64 *icmp = bpf_map_lookup_elem(&counters, &slot);
        if (icmp)
            *icmp += 1;
    }
    return XDP_PASS;
}

// A lookup of the benchmark hash from a program, so the maps are used by code.
SEC("xdp")
int hash_probe(struct xdp_md *ctx)
{
    __u32 key = (ctx->data_end - ctx->data) & (ENTRIES - 1);
    __u64 *value = bpf_map_lookup_elem(&bench_hash, &key);
    if (value)
        __sync_fetch_and_add(value, 1);
    __u64 *element = bpf_map_lookup_elem(&bench_array, &key);
    if (element)
        __sync_fetch_and_add(element, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
