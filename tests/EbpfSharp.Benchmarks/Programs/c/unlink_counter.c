#define __TARGET_ARCH_x86
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);	/* tgid */
	__type(value, __u64);
} unlinks SEC(".maps");

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(unlink_counter, int dfd, unsigned long name)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 *count = bpf_map_lookup_elem(&unlinks, &tgid);

	if (!count) {
		__u64 one = 1;

		bpf_map_update_elem(&unlinks, &tgid, &one, BPF_NOEXIST);
		return 0;
	}
	__sync_fetch_and_add(count, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
