#include "common.h"
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u16);	/* destination port, host order */
	__type(value, __u16);	/* the port to rewrite it to */
} redirects SEC(".maps");

SEC("xdp")
int nat_port_rewrite(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	void *l4;
	__u16 port, *target;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	l4 = (void *)ip + ip->ihl * 4;
	if (ip->protocol == IPPROTO_TCP) {
		struct tcphdr *tcp = l4;

		if ((void *)(tcp + 1) > data_end)
			return XDP_PASS;
		port = bpf_ntohs(tcp->dest);
		target = bpf_map_lookup_elem(&redirects, &port);
		if (!target)
			return XDP_PASS;
		csum_replace2(&tcp->check, tcp->dest, bpf_htons(*target));
		tcp->dest = bpf_htons(*target);
	} else if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *udp = l4;

		if ((void *)(udp + 1) > data_end)
			return XDP_PASS;
		port = bpf_ntohs(udp->dest);
		target = bpf_map_lookup_elem(&redirects, &port);
		if (!target)
			return XDP_PASS;
		if (udp->check)
			csum_replace2(&udp->check, udp->dest, bpf_htons(*target));
		udp->dest = bpf_htons(*target);
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
