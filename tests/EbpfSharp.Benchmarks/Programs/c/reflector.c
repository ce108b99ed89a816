#include "common.h"
#include <linux/in.h>
#include <linux/udp.h>

SEC("xdp")
int reflector(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct udphdr *ports = (void *)(ip + 1); /* TCP and UDP both start with the ports */
	__be16 port;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end || ip->version != 4 || ip->ihl != 5)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_UDP && ip->protocol != IPPROTO_TCP)
		return XDP_PASS;
	if ((void *)(ports + 1) > data_end)
		return XDP_PASS;
	swap_mac(eth);
	swap_ipv4(ip);
	port = ports->source;
	ports->source = ports->dest;
	ports->dest = port;
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
