// The libbpf side of the interleaved comparison (InterleavedComparison.cs): one function per benchmark, each running
// its operation `count` times on descriptors the .NET side passes in, so one call covers a whole round and the
// .NET side times it with the same clock as its own rounds. The workloads are c/libbpf_bench.c's: same keys, values
// and batch sizes. Built by Native.BuildRoundsLibrary with: gcc -O2 -shared -fPIC libbpf_rounds.c -lbpf.
// Every function returns 0, or a negative errno when an operation fails.
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>

#define ENTRIES 1024

static unsigned next; // the key counter, as `i` in libbpf_bench.c
static __u32 keys[ENTRIES];
static __u64 values[ENTRIES];

void bench_init(void)
{
    libbpf_set_print(NULL);
    for (__u32 key = 0; key < ENTRIES; key++) {
        keys[key] = key;
        values[key] = key;
    }
}

int bench_lookup(int map_fd, long long count)
{
    __u32 key;
    __u64 value;
    for (long long n = 0; n < count; n++) {
        key = next++ & (ENTRIES - 1);
        if (bpf_map_lookup_elem(map_fd, &key, &value))
            return -errno;
    }
    return 0;
}

int bench_update(int map_fd, long long count)
{
    __u32 key;
    __u64 value;
    for (long long n = 0; n < count; n++) {
        key = next++ & (ENTRIES - 1);
        value = next;
        if (bpf_map_update_elem(map_fd, &key, &value, BPF_ANY))
            return -errno;
    }
    return 0;
}

// The whole map (ENTRIES elements) per operation.
int bench_update_batch(int map_fd, long long count)
{
    DECLARE_LIBBPF_OPTS(bpf_map_batch_opts, opts);
    for (long long n = 0; n < count; n++) {
        __u32 elements = ENTRIES;
        if (bpf_map_update_batch(map_fd, keys, values, &elements, &opts))
            return -errno;
    }
    return 0;
}

// Reads the whole map per operation: calls resume from the kernel's position until ENOENT.
int bench_lookup_batch(int map_fd, long long count)
{
    DECLARE_LIBBPF_OPTS(bpf_map_batch_opts, opts);
    for (long long n = 0; n < count; n++) {
        __u32 in_batch = 0, out_batch = 0, total = 0;
        int first = 1;
        while (total < ENTRIES) {
            __u32 elements = ENTRIES - total;
            int err = bpf_map_lookup_batch(map_fd, first ? NULL : &in_batch, &out_batch,
                                           keys + total, values + total, &elements, &opts);
            total += elements;
            first = 0;
            in_batch = out_batch;
            if (err) {
                if (errno != ENOENT)
                    return -errno;
                break;
            }
        }
    }
    return 0;
}

static long long ring_seen;

static int on_event(void *ctx, void *data, size_t size)
{
    (void)ctx;
    ring_seen += ((const __u64 *)data)[0] != 0 || size == 16;
    return 0;
}

struct ring_buffer *bench_ring_open(int ring_fd)
{
    return ring_buffer__new(ring_fd, on_event, NULL, NULL);
}

void bench_ring_close(struct ring_buffer *ring)
{
    ring_buffer__free(ring);
}

// One operation: a test run of the emitter (which writes `records` records), then ring_buffer__consume until all of
// them are seen. The test run is synchronous, so every record is committed when it returns.
int bench_ring(struct ring_buffer *ring, int prog_fd, int records, long long count)
{
    unsigned char packet[64] = {0};
    DECLARE_LIBBPF_OPTS(bpf_test_run_opts, run, .data_in = packet, .data_size_in = sizeof(packet), .repeat = 1);
    for (long long n = 0; n < count; n++) {
        long long target = ring_seen + records;
        if (bpf_prog_test_run_opts(prog_fd, &run))
            return -errno;
        while (ring_seen < target) {
            int consumed = ring_buffer__consume(ring);
            if (consumed < 0)
                return consumed;
            if (consumed == 0)
                return -ENODATA; // fewer records than the emitter promised
        }
    }
    return 0;
}

int bench_object_load(const char *path, long long count)
{
    for (long long n = 0; n < count; n++) {
        struct bpf_object *object = bpf_object__open_file(path, NULL);
        int err = libbpf_get_error(object);
        if (err)
            return err;
        err = bpf_object__load(object);
        bpf_object__close(object);
        if (err)
            return err;
    }
    return 0;
}
