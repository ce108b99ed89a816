#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define SLOTS 512

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} errors SEC(".maps");

SEC("raw_tp/sys_exit")
int syscall_errors(struct bpf_raw_tracepoint_args *ctx)
{
	long ret = ctx->args[1];
	__u64 err, *count;
	__u32 key;

	if (ret >= 0)
		return 0;
	err = -ret;
	key = err < SLOTS ? err : 0;
	count = bpf_map_lookup_elem(&errors, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
