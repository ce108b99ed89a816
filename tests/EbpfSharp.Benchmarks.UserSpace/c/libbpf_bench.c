// The libbpf side of the user-space benchmarks: the same operations on the same object as the .NET side,
// each timed in rounds of fixed length (thread CPU time unless EBPFSHARP_USERSPACE_CLOCK=wall); the best round's rate is printed as "name rate" (operations, elements or
// events per second). Built by the .NET harness with: gcc -O2 libbpf_bench.c -lbpf.
// Usage: libbpf_bench <object.o> <round-ms> <rounds> <ring-records-per-run>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ENTRIES 1024

// EBPFSHARP_USERSPACE_CLOCK=wall: wall time; otherwise the thread's CPU time (user + system), which a
// machine shared with other work does not inflate by preempting the benchmark.
static clockid_t clock_id = CLOCK_THREAD_CPUTIME_ID;

static double now(void)
{
    struct timespec ts;
    clock_gettime(clock_id, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int round_ms = 200, rounds = 5, ring_records = 4096; // must match RECORDS_PER_RUN in userspace.bpf.c

// Runs body (which does `per` operations per call and returns 0) in rounds; prints the best rate.
#define BENCH(name, per, body)                                                  \
    do {                                                                        \
        double best = 0;                                                        \
        for (int r = 0; r < rounds + 1; r++) {                                  \
            double start = now(), elapsed;                                      \
            long long ops = 0;                                                  \
            do {                                                                \
                for (int k = 0; k < 64; k++) {                                  \
                    if (body) { fprintf(stderr, "%s failed: %s\n", name, strerror(errno)); exit(1); } \
                    ops += (per);                                               \
                }                                                               \
                elapsed = now() - start;                                        \
            } while (elapsed * 1000 < round_ms);                                \
            if (r > 0 && ops / elapsed > best) /* round 0 warms up */           \
                best = ops / elapsed;                                           \
        }                                                                       \
        printf("%s %.0f\n", name, best);                                        \
        fflush(stdout);                                                         \
    } while (0)

static long long ring_seen;
static int on_event(void *ctx, void *data, size_t size)
{
    (void)ctx;
    ring_seen += ((const __u64 *)data)[0] != 0 || size == 16;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s object.o [round-ms] [rounds] [ring-records]\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    if (argc > 2) round_ms = atoi(argv[2]);
    if (argc > 3) rounds = atoi(argv[3]);
    if (argc > 4) ring_records = atoi(argv[4]);
    const char *only = getenv("EBPFSHARP_USERSPACE_ONLY");
    const char *clock_name = getenv("EBPFSHARP_USERSPACE_CLOCK");
    if (clock_name && strcmp(clock_name, "wall") == 0)
        clock_id = CLOCK_MONOTONIC;
#define WANT(name) (!only || strcmp(only, name) == 0)
    libbpf_set_print(NULL);

    struct bpf_object *obj = bpf_object__open_file(path, NULL);
    if (!obj || bpf_object__load(obj)) {
        fprintf(stderr, "loading %s failed\n", path);
        return 1;
    }
    int hash = bpf_object__find_map_fd_by_name(obj, "bench_hash");
    int array = bpf_object__find_map_fd_by_name(obj, "bench_array");
    __u32 key;
    __u64 value = 0;
    unsigned i = 0;
    for (key = 0; key < ENTRIES; key++)
        bpf_map_update_elem(hash, &key, &value, BPF_ANY);

    if (WANT("hash_lookup")) BENCH("hash_lookup", 1, (key = i++ & (ENTRIES - 1), bpf_map_lookup_elem(hash, &key, &value)));
    if (WANT("hash_update")) BENCH("hash_update", 1, (key = i++ & (ENTRIES - 1), value = i, bpf_map_update_elem(hash, &key, &value, BPF_ANY)));
    if (WANT("array_lookup")) BENCH("array_lookup", 1, (key = i++ & (ENTRIES - 1), bpf_map_lookup_elem(array, &key, &value)));
    if (WANT("array_update")) BENCH("array_update", 1, (key = i++ & (ENTRIES - 1), value = i, bpf_map_update_elem(array, &key, &value, BPF_ANY)));

    // Batches: the whole map (1024 entries) per operation.
    static __u32 keys[ENTRIES];
    static __u64 values[ENTRIES];
    for (key = 0; key < ENTRIES; key++) {
        keys[key] = key;
        values[key] = key;
    }
    DECLARE_LIBBPF_OPTS(bpf_map_batch_opts, batch_opts);
    if (WANT("hash_update_batch")) BENCH("hash_update_batch", ENTRIES, ({ __u32 n = ENTRIES; bpf_map_update_batch(hash, keys, values, &n, &batch_opts); }));
    if (WANT("array_update_batch")) BENCH("array_update_batch", ENTRIES, ({ __u32 n = ENTRIES; bpf_map_update_batch(array, keys, values, &n, &batch_opts); }));
    // Reads the whole map: calls resume from the kernel's position until ENOENT.
#define READ_ALL(fd) ({                                                             \
        __u32 in_batch = 0, out_batch = 0, total = 0; int err = 0; int first = 1; \
        while (total < ENTRIES) {                                                   \
            __u32 n = ENTRIES - total;                                              \
            err = bpf_map_lookup_batch(fd, first ? NULL : &in_batch, &out_batch,    \
                keys + total, values + total, &n, &batch_opts);                     \
            total += n; first = 0; in_batch = out_batch;                            \
            if (err) break;                                                         \
        }                                                                           \
        (err && errno != ENOENT) ? err : 0; })
    if (WANT("hash_lookup_batch")) BENCH("hash_lookup_batch", ENTRIES, READ_ALL(hash));
    if (WANT("array_lookup_batch")) BENCH("array_lookup_batch", ENTRIES, READ_ALL(array));

    if (WANT("ringbuf")) {
        int ring = bpf_object__find_map_fd_by_name(obj, "events");
        struct bpf_program *prog = bpf_object__find_program_by_name(obj, "emit_events");
        int prog_fd = bpf_program__fd(prog);
        struct ring_buffer *rb = ring_buffer__new(ring, on_event, NULL, NULL);
        if (!rb) {
            fprintf(stderr, "ring_buffer__new failed\n");
            return 1;
        }
        unsigned char packet[64] = {0};
        DECLARE_LIBBPF_OPTS(bpf_test_run_opts, run, .data_in = packet, .data_size_in = sizeof(packet), .repeat = 1);
        // One operation: a test run that emits ring_records records, then polling until all of them are consumed.
        BENCH("ringbuf", ring_records, ({
            long long target = ring_seen + ring_records; int err = bpf_prog_test_run_opts(prog_fd, &run);
            while (!err && ring_seen < target) err = ring_buffer__poll(rb, 1000) < 0;
            err; }));
        ring_buffer__free(rb);
    }
    bpf_object__close(obj);

    if (WANT("object_load")) BENCH("object_load", 1, ({
        struct bpf_object *o = bpf_object__open_file(path, NULL);
        int err = !o || bpf_object__load(o);
        bpf_object__close(o);
        err; }));
    return 0;
}
