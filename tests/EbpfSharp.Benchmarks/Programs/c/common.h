/* Shared by the benchmark twins: what a C XDP programmer keeps in a header. */
#pragma once
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* The kernel's csum_fold over a 64-bit running sum of 16-bit words. */
static __always_inline __u16 csum_fold(__u64 sum)
{
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)~sum;
}

/* RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m'), as the kernel's csum_replace2; byte-order independent. */
static __always_inline void csum_replace2(__u16 *check, __u16 old, __u16 new)
{
	*check = csum_fold((__u64)(__u16)~*check + (__u16)~old + new);
}

static __always_inline void swap_mac(struct ethhdr *eth)
{
	unsigned char tmp[ETH_ALEN];

	__builtin_memcpy(tmp, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, tmp, ETH_ALEN);
}

static __always_inline void swap_ipv4(struct iphdr *ip)
{
	__be32 tmp = ip->saddr;

	ip->saddr = ip->daddr;
	ip->daddr = tmp;
}

/* The value of the counting pairs' maps (C#: PacketCount). */
struct packet_count {
	__u64 packets;
	__u64 bytes;
};

/* RFC 1624 for a 32-bit field (an address in the pseudo-header), as the kernel's csum_replace4. */
static __always_inline void csum_replace4(__u16 *check, __u32 old, __u32 new)
{
	*check = csum_fold((__u64)(__u16)~*check + (__u32)~old + new);
}
