using BenchmarkDotNet.Running;
using EbpfSharp.Benchmarks.UserSpace;

// Default: the interleaved in-process comparison against libbpf (EBPFSHARP_USERSPACE_ROUND_MS, default 75;
// EBPFSHARP_USERSPACE_ROUNDS, pairs, default 20; EBPFSHARP_USERSPACE_ONLY=hash_lookup,ringbuf,...).
// "--separate": the old comparison with libbpf in separate processes (defaults 200 ms, 5 rounds).
// "--bdn [BenchmarkDotNet arguments]": the BenchmarkDotNet suites.
if (args.Length > 0 && args[0] == "--bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args[1..]);
    return 0;
}
bool separate = args.Length > 0 && args[0] == "--separate";
int roundMilliseconds = int.TryParse(Environment.GetEnvironmentVariable("EBPFSHARP_USERSPACE_ROUND_MS"), out var ms) ? ms : separate ? 200 : 75;
int rounds = int.TryParse(Environment.GetEnvironmentVariable("EBPFSHARP_USERSPACE_ROUNDS"), out var r) ? r : separate ? 5 : 20;
return separate
    ? await SeparateProcessComparison.RunAsync(roundMilliseconds, rounds)
    : InterleavedComparison.Run(roundMilliseconds, rounds);
