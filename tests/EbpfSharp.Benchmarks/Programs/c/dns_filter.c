#include "common.h"
#include <linux/in.h>
#include <linux/udp.h>

#define MAX_LABELS 32
#define TYPE_ANY 255

struct dnshdr {
	__be16 id;
	__be16 flags;
	__be16 qdcount;
	__be16 ancount;
	__be16 nscount;
	__be16 arcount;
};

SEC("xdp")
int dns_filter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct udphdr *udp;
	struct dnshdr *dns;
	__u8 *name;
	__u16 flags;
	int label, len;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)ip + ip->ihl * 4;
	if ((void *)(udp + 1) > data_end || udp->dest != bpf_htons(53))
		return XDP_PASS;
	dns = (void *)(udp + 1);
	if ((void *)(dns + 1) > data_end)
		return XDP_PASS;
	flags = bpf_ntohs(dns->flags);
	if (flags & 0x8000)
		return XDP_PASS;
	if (dns->qdcount != bpf_htons(1) || ((flags >> 11) & 0xf) != 0)
		return XDP_DROP;

	name = (__u8 *)(dns + 1);
	for (label = 0;; label++) {
		if (label == MAX_LABELS)
			return XDP_DROP;
		if ((void *)(name + 1) > data_end)
			return XDP_PASS;
		len = *name;
		if (len == 0)
			break;
		if (len > 63)
			return XDP_DROP;
		name += len + 1;
	}
	if ((void *)(name + 5) > data_end)
		return XDP_PASS;
	return (name[1] << 8 | name[2]) == TYPE_ANY ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
