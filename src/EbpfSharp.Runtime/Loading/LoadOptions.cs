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

    /// <summary>Load only these programs (by name); null loads every program whose Autoload is set.</summary>
    public IReadOnlyCollection<string>? Programs { get; init; }
}
