#include "common.h"
#include <linux/in.h>

/* linux/icmp.h pulls in libc's socket headers, which a BPF target cannot see; the fields it needs: */
#define ICMP_ECHOREPLY 0
#define ICMP_ECHO 8

struct icmphdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
	__be16 id;
	__be16 sequence;
};

SEC("xdp")
int icmp_echo(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct icmphdr *icmp = (void *)(ip + 1);

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end || ip->version != 4 || ip->ihl != 5 || ip->protocol != IPPROTO_ICMP)
		return XDP_PASS;
	if ((void *)(icmp + 1) > data_end || icmp->type != ICMP_ECHO || icmp->code != 0)
		return XDP_PASS;
	swap_mac(eth);
	swap_ipv4(ip);
	icmp->type = ICMP_ECHOREPLY;
	/* Type and code form the first word the checksum covers. */
	csum_replace2(&icmp->checksum, bpf_htons(ICMP_ECHO << 8), bpf_htons(ICMP_ECHOREPLY << 8));
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
