#include "common.h"
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#define BACKEND_SLOTS 16

struct backend {
	__u32 addr;	/* host order */
	__u8 mac[ETH_ALEN];
	__u16 flags;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BACKEND_SLOTS);
	__type(key, __u32);
	__type(value, struct backend);
} backends SEC(".maps");

SEC("xdp")
int load_balancer(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct tcphdr *tcp;
	struct backend *backend;
	__u32 hash, key, old, new;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_TCP && ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	/* TCP and UDP both start with the ports; the checksum is at 16 in TCP, 6 in UDP. */
	tcp = (void *)ip + ip->ihl * 4;
	if ((void *)(tcp + 1) > data_end)
		return XDP_PASS;

	hash = bpf_ntohl(ip->saddr) ^ bpf_ntohl(ip->daddr) * 0x9E3779B1u
		^ ((__u32)bpf_ntohs(tcp->source) << 16 | bpf_ntohs(tcp->dest)) ^ ip->protocol;
	hash ^= hash >> 16;
	hash *= 0x85EBCA6Bu;
	hash ^= hash >> 13;
	hash *= 0xC2B2AE35u;
	hash ^= hash >> 16;
	key = hash % BACKEND_SLOTS;
	backend = bpf_map_lookup_elem(&backends, &key);
	if (!backend || backend->addr == 0)
		return XDP_PASS;

	old = ip->daddr;
	new = bpf_htonl(backend->addr);
	ip->daddr = new;
	csum_replace4(&ip->check, old, new);
	if (ip->protocol == IPPROTO_TCP) {
		csum_replace4(&tcp->check, old, new);
	} else {
		struct udphdr *udp = (void *)tcp;

		if (udp->check)
			csum_replace4(&udp->check, old, new);
	}
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, backend->mac, ETH_ALEN);
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
