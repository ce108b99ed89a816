#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} calls SEC(".maps");

SEC("raw_tp/sys_enter")
int syscall_counter(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 id = ctx->args[1];
	__u64 *count = bpf_map_lookup_elem(&calls, &id);

	if (!count) {
		__u64 one = 1;

		bpf_map_update_elem(&calls, &id, &one, BPF_NOEXIST);
		return 0;
	}
	__sync_fetch_and_add(count, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
