using BenchmarkDotNet.Running;
using EbpfSharp.Benchmarks.UserSpace;

// Default: the comparison table against libbpf (EBPFSHARP_USERSPACE_ROUND_MS, EBPFSHARP_USERSPACE_ROUNDS,
// EBPFSHARP_USERSPACE_ONLY=hash_lookup,ringbuf,...). "--bdn [BenchmarkDotNet arguments]": the BenchmarkDotNet suites.
if (args.Length > 0 && args[0] == "--bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args[1..]);
    return 0;
}
int roundMilliseconds = int.TryParse(Environment.GetEnvironmentVariable("EBPFSHARP_USERSPACE_ROUND_MS"), out var ms) ? ms : 200;
int rounds = int.TryParse(Environment.GetEnvironmentVariable("EBPFSHARP_USERSPACE_ROUNDS"), out var r) ? r : 5;
return await Comparison.RunAsync(roundMilliseconds, rounds);
