using EbpfSharp.Object;
using EbpfSharp.Object.Instructions;

namespace EbpfSharp.Runtime;

/// <summary>How much the verifier should log while loading.</summary>
public enum VerifierLogLevel
{
    /// <summary>Log nothing on success; on failure, load again with <see cref="Basic"/> to explain (libbpf's behaviour).</summary>
    OnFailure = 0,
    /// <summary>Always log the verifier's path through the program.</summary>
    Basic = 1,
    /// <summary>Also log register state at each instruction (large).</summary>
    Verbose = 2,
    /// <summary>Log statistics only (instructions processed, states).</summary>
    Statistics = 4,
}
