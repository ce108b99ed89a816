using EbpfSharp.Object;
using EbpfSharp.Object.Btf;

namespace EbpfSharp.Runtime;

/// <summary>Options for <see cref="ObjectSpec.Load"/>.</summary>
public sealed record LoadOptions
{
    /// <summary>How much the verifier logs (the log is kept on each <see cref="BpfProgram"/>).</summary>
    public VerifierLogLevel LogLevel { get; init; }

    /// <summary>The directory where maps pinned by name live (libbpf's default: /sys/fs/bpf).</summary>
    public string PinRoot { get; init; } = "/sys/fs/bpf";

    /// <summary>
    /// The BTF that CO-RE relocations are resolved against instead of the running kernel's
    /// <c>/sys/kernel/btf/vmlinux</c> (like libbpf's <c>btf_custom_path</c>): a raw BTF file, or an ELF file with a
    /// <c>.BTF</c> section. Use it for kernels without built-in BTF (with a BTFHub file) or to test against another
    /// kernel's types. Attach targets of fentry/fexit programs still come from the running kernel.
    /// </summary>
    public string? KernelBtfPath { get; init; }

    /// <summary>Load only these programs (by name); null loads every program whose Autoload is set.</summary>
    public IReadOnlyCollection<string>? Programs { get; init; }
}
