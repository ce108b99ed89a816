#include "common.h"
#include <linux/in.h>
#include <linux/udp.h>

#define MAX_WORDS 256

SEC("xdp")
int l4_checksum(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct udphdr *udp;
	__u8 *word;
	__u32 saddr, daddr;
	__u64 sum;
	int hlen, len, i;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_TCP && ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	hlen = ip->ihl * 4;
	len = bpf_ntohs(ip->tot_len) - hlen;
	if (hlen < 20 || len < 8 || len > MAX_WORDS * 2)
		return XDP_PASS;
	udp = (void *)ip + hlen;
	if ((void *)(udp + 1) > data_end)
		return XDP_DROP;
	if (ip->protocol == IPPROTO_UDP && udp->check == 0)
		return XDP_PASS;

	saddr = bpf_ntohl(ip->saddr);
	daddr = bpf_ntohl(ip->daddr);
	sum = (saddr >> 16) + (saddr & 0xffff) + (daddr >> 16) + (daddr & 0xffff) + ip->protocol + (__u32)len;
	word = (__u8 *)udp;
	for (i = 0; i < MAX_WORDS; i++) {
		if (i * 2 + 2 > len)
			break;
		if ((void *)(word + 2) > data_end)
			return XDP_DROP;
		sum += (__u32)(word[0] << 8 | word[1]);
		word += 2;
	}
	if (len & 1) {
		if ((void *)(word + 1) > data_end)
			return XDP_DROP;
		sum += (__u32)word[0] << 8;
	}
	return csum_fold(sum) == 0 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
