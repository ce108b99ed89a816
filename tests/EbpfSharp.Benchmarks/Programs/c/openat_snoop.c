#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* The syscalls/sys_enter_openat record, from its format file. */
struct sys_enter_openat {
	__u64 common;
	int syscall_nr;
	__u64 dfd;
	const char *filename;
	__u64 flags;
	__u64 mode;
};

struct open_event {
	__u32 pid;
	__u32 tid;
	__u64 flags;
	char comm[16];
	char path[256];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int openat_snoop(struct sys_enter_openat *args)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct open_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = pid_tgid >> 32;
	e->tid = (__u32)pid_tgid;
	e->flags = args->flags;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(e->path, sizeof(e->path), args->filename);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
